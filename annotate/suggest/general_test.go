package suggest

import (
	"slices"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// Rules added so that the suggestions generalise beyond the gold they
// were developed on; each case is a short invented sentence.

func TestThreatsGeneral(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"ultimatum phrase", "“This is your final chance,” the minister said.", []string{"This is your final chance"}},
		{"window closing", "“The time for talks is running out,” the minister said.", []string{"The time for talks is running out"}},
		{"ultimatum heading has no verb", "“FINAL CHANCE”\n\nThe talks resume today.", nil},
		{"negated ultimatum", "“This is not a last chance,” the envoy said.", nil},
		{"will face consequences", "“Anyone who breaks the embargo will face tough penalties,” the envoy warned.", []string{"Anyone who breaks the embargo will face tough penalties"}},
		{"could face is an assessment", "“The firm could face sanctions,” the analyst said.", nil},
		{"slap sanctions", "“We will slap new sanctions on their banks,” the senator said.", []string{"We will slap new sanctions on their banks"}},
		{"react", "“We would have to react to such steps,” the general said.", []string{"We would have to react to such steps"}},
		{"act as is no threat", "“We will act as a mediator,” the envoy said.", nil},
		{"act to restore", "“The council needs to act to restore trust,” she said.", nil},
		{"costs that are coming", "“Penalties are coming,” the governor said.", []string{"Penalties are coming"}},
		{"refused relief", "The minister said the country would not lift the embargo until the prisoners are freed.", []string{"the country would not lift the embargo until the prisoners are freed"}},
		{"costly under a condition", "“If they cross the line, it will be costly,” the admiral said.", []string{"If they cross the line, it will be costly"}},
		{"costly without a condition", "“The new bridge will be costly,” the mayor said.", nil},
		{"not just is no negation", "“If they go on, it will not just hurt them, it will be an expensive error,” she said.", []string{"If they go on, it will not just hurt them, it will be an expensive error"}},
		{"alternative is the condition", "“Pay the debt, or we will seize the ships,” the admiral said.", []string{"Pay the debt, or we will seize the ships"}},
		{"second predicate", "The ministry said the raid “broke the truce and will be met with force,” the agency reported.", []string{"will be met with force"}},
		{"adjunct clause trimmed", "The rebels said they would retaliate against the strikes after the army shelled the town.", []string{"they would retaliate against the strikes"}},
		{"tariffs are no actor", "Economists said the tariffs will hurt growth.", nil},
		{"warning with terms after a colon", "The envoy issued a stern warning to President Ali Khan on Monday: release the sailors or face harsh consequences.", []string{"warning to President Ali Khan on Monday: release the sailors or face harsh consequences"}},
		{"warning that they face", "He spoke after remarks from Premier Wang Lu warning the rebels that they face “consequences” for the attack.", []string{"warning the rebels that they face “consequences” for the attack"}},
		{"warning that a thing may do", "The bank warned that the dispute could hurt confidence.", nil},
		{"raised the prospect", "The chancellor raised the prospect of new tariffs on steel.", []string{"raised the prospect of new tariffs on steel"}},
		{"threat of as a noun", "The threat of tariffs hung over the talks.", nil},
		{"headline actor", "Kremlin preparing retaliation for new sanctions", []string{"preparing retaliation for new sanctions"}},
		{"prepare for", "Officials prepare for the possibility that rebels could attack the base.", nil},
		{"vow of as a noun", "The senator’s “red line” vow of action against the regime faded.", nil},
		{"passive cost with a condition", "The envoy said that tariffs could be reimposed if the rebels break the truce.", []string{"tariffs could be reimposed if the rebels break the truce"}},
		{"passive action against", "Officials said the fines were legal and similar action against other banks could be considered.", []string{"similar action against other banks could be considered"}},
		{"passive relief is no threat", "The envoy said that tariffs could be lifted if the rebels keep the truce.", nil},
		{"passive advice is no threat", "The senator said sanctions must be employed with care.", nil},
		{"exclusion of a named actor", "The league said Rovers will not be allowed to play in the cup.", []string{"Rovers will not be allowed to play in the cup"}},
		{"permission for a group is no threat", "The club said fans will not be allowed to bring flags.", nil},
		{"name inside the subject", "The mayor said the spread of Ebola will not be allowed to continue.", nil},
		{"vowed to veto", "The governor has vowed to veto the measure.", []string{"vowed to veto the measure"}},
		{"vetoed is past", "The governor vetoed the measure last year.", nil},
		{"conditional restart", "Officials said the country could resume its nuclear program if the sanctions stay.", []string{"the country could resume its nuclear program if the sanctions stay"}},
		{"could face with a condition is an assessment", "Analysts said the firm could face fines if it misses the deadline.", nil},
		{"order with a cost as the alternative", "Moscow told the rebels to leave the port or face the consequences.", []string{"told the rebels to leave the port or face the consequences"}},
		{"negated order", "Moscow did not tell the rebels to leave the port or face the consequences.", nil},
		{"warning with a bare clause", "The minister spoke on Monday, warning Iran it would face new sanctions.", []string{"warning Iran it would face new sanctions"}},
		{"bare warning of a thing", "The bank spoke, warning investors the dispute could hurt confidence.", nil},
		{"question", "“Will the reporters be punished?” the editor asked.", nil},
		{"thing as subject of a threat verb", "The council said the missile tests were reckless and threaten all member states.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := spansOf(suggest(t, tc.text), annotate.Threat, "")
			if !slices.Equal(got, tc.want) {
				t.Errorf("threats = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestIndirectQuotesGeneral(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"time adjunct ends the content", "The union said it would strike on Monday after Acme Steel cut wages.", []string{"it would strike on Monday"}},
		{"participle adjunct ends the content", "Auditors concluded that the fund had lost money, prompting a review of the board.", []string{"the fund had lost money"}},
		{"state media is no verb", "The ministry said the plan “was a mistake,” state media reported.", []string{"the plan “was a mistake"}},
		{"fronted participle", "Insisting that the deal was fair, the mayor said the city would sign it.", []string{"the deal was fair", "the city would sign it"}},
		{"underscored", "The experts underscored that the reserves are running low.", []string{"the reserves are running low"}},
		{"relative clause after the subject", "The senator, who chairs the panel, met the envoy, an aide said.", []string{"The senator, who chairs the panel, met the envoy"}},
		{"relative clause then a second subject", "The senator, who chairs the panel, said the plan failed.", []string{"the plan failed"}},
		{"headline clause after a quote and a dash", "‘The deal is dead’ — talks failed in Oslo, Norway says\n\nThe talks went on.", []string{"talks failed in Oslo"}},
		{"hedged participle adjunct", "The envoy warned Iran it will face sanctions, reportedly costing billions.", []string{"it will face sanctions"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := spansOf(suggest(t, tc.text), annotate.Quote, annotate.KindIndirect)
			if !slices.Equal(got, tc.want) {
				t.Errorf("indirect quotes = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestHeadlineSourceExcluded(t *testing.T) {
	// the colon line has its own subject and verb: the quote is not the
	// name's
	s := suggest(t, "Oslo Probe: Nasa launches mission to ‘touch the Sun’\n\nThe launch went well.")
	q, ok := findSpan(s, annotate.Quote, "touch the Sun")
	if !ok {
		t.Fatalf("no quote in %q", spansOf(s, annotate.Quote, ""))
	}
	if e, _ := speakerOfSpan(s, q.ID); e == "Oslo Probe" {
		t.Errorf("speaker = %q", e)
	}
}

func TestSpeakersGeneral(t *testing.T) {
	tests := []struct {
		name, text, quote, entity string
	}{
		{"fragment takes the nearest clause subject", "The rebels struck after Governor Ann Reyes set a deadline to end the “illegal occupation” of the port.", "illegal occupation", "Ann Reyes"},
		{"relayed by media", "Russian Deputy Minister Oleg Petrov called the plan “reckless”, Tass news agency reported.", "reckless", "Oleg Petrov"},
		{"name-derived adjective is no name", "Mary Lane criticised the Carter-era rules. “They failed,” she said.", "They failed", "Mary Lane"},
		{"the paper", "The Boston Globe reported on the case. The trial could start next week, the paper states.", "The trial could start next week", "Boston Globe"},
		{"outlet's report", "The city will close the school, according to a Boston Globe report. The report says that the board voted.", "the board voted", "Boston Globe"},
		{"fronted participle", "Insisting that the deal was fair, the mayor said the city would sign it.", "the deal was fair", "mayor"},
		{"continuation after appositive", "“We are ready,” says Tom Hale, an expert at the Naval College in Newport, R.I. “They are not.”", "They are not.", "Tom Hale"},
		{"name before a possessive appositive", "Ann Ortiz, Governor Ray Dunn's former budget chief, says the deficit will grow.", "the deficit will grow", "Ann Ortiz"},
		{"name before a capitalised appositive", "Ed Marsh, Lakeside University Law Professor, said that the ruling was flawed.", "the ruling was flawed", "Ed Marsh"},
		{"appositive in a second verb", "Ann Ortiz, the mayor's top adviser, dismissed the fears and predicted the city will recover.", "the city will recover", "Ann Ortiz"},
		{"he: the person named last", "The plant is named after a living man - engineer Paul Rand, 88, who designed it.\n\n“This is wonderful,” he said.", "This is wonderful", "Paul Rand"},
		{"he: not an organisation", "Central bank chief Mark Lowe said that the Fed was worried about prices.\n\n“Growth is slow,” he said.", "Growth is slow", "Mark Lowe"},
		{"he: not a name inside reported words", "Party chief Sam Hale warned that if Labour voters stay at home they could lose. “Turnout matters,” he added.", "Turnout matters", "Sam Hale"},
		{"she: a described source with a prepositional phrase", "Lib Dem spokesman Mark Oates said: “We will see.” A spokeswoman for Amnesty International said the bill was unfair. She added: “It must change.”", "It must change.", "A spokeswoman for Amnesty International"},
		{"reduced relative clause", "The ship sank after the storm, a loss the Harbour Board publicly described as “avoidable.”", "avoidable.", "Harbour Board"},
		{"title description: the person just named", "Tom Baker says the vote will be close.\n\nThe prime minister said he was ready.", "he was ready", "Tom Baker"},
		{"title description: the one person with that title", "Its defence minister said the deal was signed. Later, Defence Minister Ali Kaya met the envoy.", "the deal was signed", "Ali Kaya"},
		{"epithet description", "Strongman Ivo Petrov spoke on Sunday.\n\nThe dictator said the country would not retreat.", "the country would not retreat", "Ivo Petrov"},
		{"a plain noun is no title", "Tom Baker spoke on Sunday. The idea, he said, was a “fresh start”.", "fresh start", "Tom Baker"},
		{"acronym spelled out", "The Korean Central News Agency issued a report. KCNA said the test was a success.", "the test was a success", "Korean Central News Agency"},
		{"speech verb nested in an indirect quote", "The agency said Ivo Petrov praised the test, which he said proved the “power and precision” of the rocket.", "power and precision", "Ivo Petrov"},
		{"prepositional appositive after a name", "Ann Ortiz, from Lakeside's Bay State University, noted that the vote was close.", "the vote was close", "Ann Ortiz"},
		{"subject after a complementiser that", "Ann Ortiz, from Lakeside's Bay State University, noted that Norway has said it is “ready” to sign.", "ready", "Norway"},
		{"relayed participle", "Norway criticised the plan, with Foreign Minister Ivo Petrov describing it as “a grave error”, Tass news agency reported.", "a grave error", "Ivo Petrov"},
		{"fragment in a clause attributed at the end", "The alliance, which counts Norway as a member, is “deeply worried” about the deal, an official told reporters.", "deeply worried", "an official"},
		{"adding after an attribution whose clause ends in a place and time", "The first parts were delivered to the base outside the capital on Friday, the navy said, adding more would arrive soon.", "more would arrive soon", "navy"},
		{"appositive after a name in a that-clause", "The agency reported that Ivo Petrov, the head of the mint, said the coins were fake.", "the coins were fake", "Ivo Petrov"},
		{"headline name and colon", "Norway: fish quota ‘a grave error’\n\nThe talks went on.", "a grave error", "Norway"},
		{"headline quote, dash and attributed clause", "‘The deal is dead’ — talks failed in Oslo, Norway says\n\nThe talks went on.", "The deal is dead", "Norway"},
		{"dotted acronym spelled out", "The United Nations Security Council met. The U.N. Security Council said the launch was reckless.", "the launch was reckless", "United Nations Security Council"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := suggest(t, tc.text)
			q, ok := findSpan(s, annotate.Quote, tc.quote)
			if !ok {
				t.Fatalf("no quote %q in %q", tc.quote, spansOf(s, annotate.Quote, ""))
			}
			if e, _ := speakerOfSpan(s, q.ID); e != tc.entity {
				t.Errorf("speaker = %q, want %q", e, tc.entity)
			}
		})
	}
}
