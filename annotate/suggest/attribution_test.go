package suggest

import (
	"slices"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// Attribution rules for unseen text: who speaks a quote. Each case is a
// short invented text, the quote it checks and the speaker entity.
func TestAttributionGeneral(t *testing.T) {
	tests := []struct {
		name, text, quote, entity string
	}{
		{"honorific and family name: the full name", "Lord Hale said the plan was “reckless”. Later, John Hale met the envoy.", "reckless", "John Hale"},
		{"personal name before of a place", "Rep. Ann Lee of Boston said the vote was “a disgrace”.", "a disgrace", "Ann Lee"},
		{"personal name before of an employer", "“Prices will rise,” said Tom Hale of Acme Capital Partners.", "Prices will rise", "Tom Hale"},
		{"organisation with of stays whole", "The Bank of England said rates were “too high”.", "too high", "Bank of England"},
		{"colon attribution after a sentence quote opens the next quote", "“We won,” said Tom Hale. “They played well.” Ann Lee added: “It was close.”", "They played well.", "Tom Hale"},
		{"clause after a verb after a sentence quote is a new statement", "“We won,” said Tom Hale. “They played well.” Ann Lee admitted she was tired.", "They played well.", "Tom Hale"},
		{"colon attribution still takes its own quote", "“We won,” said Tom Hale. “They played well.” Ann Lee added: “It was close.”", "It was close.", "Ann Lee"},
		{"with NP and a speech participle", "Oslo was calmer, with Foreign Minister Ann Lee telling reporters: “We must wait.”", "We must wait.", "Ann Lee"},
		{"with NP saying a content clause", "Oslo welcomed the deal, with Foreign Minister Ann Lee saying the talks had worked.", "the talks had worked", "Ann Lee"},
		{"possessed quoted words", "Senator Tom Hale’s “red line” vow faded on Monday.", "red line", "Tom Hale"},
		{"possessed quoted words as an object", "The minister rejected Tom Hale's 'fire and fury' comments.", "fire and fury", "Tom Hale"},
		{"headline name before a fragment", "Hale 'up for it' ahead of poll\n\nTom Hale says he is ready.", "up for it", "Tom Hale"},
		{"colon after a clause about the speaker", "Tom Hale was unimpressed: “This is a farce.”", "This is a farce.", "Tom Hale"},
		{"colon after a thing is no attribution", "The rules were simple: “No phones.”", "No phones.", ""},
		{"quote after a sentence with only a fragment", "Tom Hale called the plan “vital”. “We need it now.”", "We need it now.", "Tom Hale"},
		{"appositive with an abbreviation", "“This is wrong,” Sen. Tom Hale, R-Neb., said in a statement.", "This is wrong", "Tom Hale"},
		{"short form in parentheses", "The Nordic Rowing Union (Norsa) met. Norsa said the ban was “unfair”.", "unfair", "Nordic Rowing Union"},
		{"acronym skipping of", "The International League of Rowing Clubs met. The ILRC said the ban was “unfair”.", "unfair", "International League of Rowing Clubs"},
		{"first word: the commonest longer name", "Acme Radio grew. Acme Radio Jazz is new. Acme Radio said. Acme says the station is “thriving”.", "thriving", "Acme Radio"},
		{"document with its author's acronym", "The Nordic Rowing Union ruled on Monday. An NRU statement said: “The ban stands.”", "The ban stands.", "Nordic Rowing Union"},
		{"document with its author's name", "A Boston Globe story said the mayor would quit.", "the mayor would quit", "Boston Globe"},
		{"he: not a name that modifies a noun after the", "Tom Hale lived through the Mount Hood eruption in 1991, and he said he has seen worse.", "he has seen worse", "Tom Hale"},
		{"she: not a name that modifies a noun", "Ann Lee similarly was skeptical of the Houthi claim.\n\n“This is not credible,” she told reporters.", "This is not credible", "Ann Lee"},
		{"subject with a relative clause keeps its whole phrase", "A businessman who led the campaign in the state said Tuesday the remarks were a mistake.", "the remarks were a mistake", "A businessman who led the campaign in the state"},
		{"subject after a fronted participle phrase", "Speaking amid a flurry of campaigning, the prime minister said: “I am ready.”", "I am ready.", "prime minister"},
		{"honorific kept when no full name", "Lord Hale said the plan was “reckless”.", "reckless", "Lord Hale"},
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

// Content clauses of speech verbs on unseen text: where they start and
// end, and when they are finite.
func TestContentClausesGeneral(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"contracted it is", "Tom Hale said it's more likely that the plan will fail.", []string{"it's more likely that the plan will fail"}},
		{"contracted there is after a participle", "Tom Hale denied the claim, saying there's no evidence.", []string{"there's no evidence"}},
		{"contracted will", "Tom Hale said they’ll vote.", []string{"they’ll vote"}},
		{"trailing as-clause of the writer", "The minister said he was ready as the country waits for the vote.", []string{"he was ready"}},
		{"as in a comparison stays", "The minister said the vote was as close as the last one.", []string{"the vote was as close as the last one"}},
		{"adverb before the subject", "But even that is iffy, Tom Hale said.", []string{"even that is iffy"}},
		{"mid-clause attribution", "The plan, officials said, will cost millions.", []string{"The plan", "will cost millions"}},
		{"mid-clause attribution after a subject clause", "What changed, he said, is that the council became less willing to act.", []string{"What changed", "is that the council became less willing to act"}},
		{"attribution between two clauses", "The plan will cost millions, officials said, because the steel is dear.", []string{"The plan will cost millions", "because the steel is dear"}},
		{"according to mid-clause", "The plan, according to officials, will cost millions.", []string{"The plan", "will cost millions"}},
		{"according to at the front", "According to Tom Hale, the plan will fail.", []string{"the plan will fail"}},
		{"according to at the end", "The plan will fail, according to Tom Hale.", []string{"The plan will fail"}},
		{"coordinated pronoun subject", "Tom Hale said he and Ann Lee agreed.", []string{"he and Ann Lee agreed"}},
		{"participle after a sentence adverb and comma", "Instead, the judge spoke, saying the system is distorted.", []string{"the system is distorted"}},
		{"relative gap ends at the relative clause's comma", "Singer, who prosecutors said collected bribes, pleaded guilty.", []string{"collected bribes"}},
		{"speaker's next verb ends the content", "Ann Lee admitted she is still unwell but remained positive.", []string{"she is still unwell"}},
		{"past content keeps its second verb", "Tom Hale said the plan failed and cost millions.", []string{"the plan failed and cost millions"}},
		{"perfect participle is no content; the clause after said and a comma is", "Having lived there for years, Tom Hale said, this is nothing new.", []string{"this is nothing new"}},
		{"gerund subject is finite", "He said stopping the launches would be the signal.", []string{"stopping the launches would be the signal"}},
		{"embedded question is no quote", "Alerts tell people how the threats affect them.", nil},
		{"adverbial clause alone before an attribution", "When asked which side is responsible, Tom Hale said, “Both are.”", nil},
		{"conditional with its main clause before an attribution", "If voters stay home, they could lose, he added.", []string{"If voters stay home, they could lose"}},
		{"relative gap ends at a dash", "The drug - which he later denied was cocaine - was found.", []string{"was cocaine"}},
		{"speech verb inside a relative clause has no content", "Troops who have reported assaults are more likely to be punished.", nil},
		{"a third party's speech inside a direct quote", "“The police have said they found nothing,” the coach said.", []string{"they found nothing"}},
		{"the quoted speaker's own speech verb", "“I said we would win,” the coach said.", nil},
		{"quoted X as saying", "The agency quoted Tom Hale of the Foreign Ministry as saying the country joined the pact.", []string{"the country joined the pact"}},
		{"with NP saying", "Oslo welcomed the deal, with Foreign Minister Ann Lee saying the talks had worked.", []string{"the talks had worked"}},
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
