package suggest

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sayso/sayso/annotate"
)

// threatOf returns the first suggested threat's text, issuer and
// conditional attribute.
func threatOf(s Suggestions) (text, issuer string, cond bool) {
	for _, sp := range s.Spans {
		if sp.Label == annotate.Threat {
			is, _ := sp.Attrs[annotate.AttrIssuer].(string)
			c, _ := sp.Attrs[annotate.AttrConditional].(bool)
			return sp.Text, is, c
		}
	}
	return "", "", false
}

// Threat stages added for unseen text; each case is an invented sentence.
func TestThreatStages(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		// the writer's announcements
		{"announced sanctions", "The Pentagon will impose new sanctions on Ruritania if it invades.", []string{"will impose new sanctions on Ruritania if it invades"}},
		{"announced expulsion", "The ministry is going to expel the diplomats.", []string{"is going to expel the diplomats"}},
		{"announced appeal", "The Rowing Federation will appeal against the acquittal of the two sprinters.", []string{"will appeal against the acquittal of the two sprinters"}},
		{"second predicate cut", "The Premier League will lodge an appeal with the court and has suspended both players.", []string{"will lodge an appeal with the court"}},
		{"writer's could is an assessment", "The rebels could attack the base next week.", nil},
		{"writer's job cuts are no harm", "The company will cut 500 jobs next year.", nil},
		{"provision is no actor", "The law includes a provision that will impose sanctions on the bank.", nil},
		// legal action and escalation
		{"contest a ruling", "“We will contest the ruling,” the club said.", []string{"We will contest the ruling"}},
		{"increase sanctions", "The senator said he is moving to increase financial sanctions on Ruritania over the attack, without elaborating.", []string{"he is moving to increase financial sanctions on Ruritania over the attack"}},
		{"plan to launch", "The army said it had a plan to launch missiles toward the island.", []string{"it had a plan to launch missiles toward the island"}},
		// conditions and frames
		{"ought to be consequences", "“There ought to be consequences if they refuse,” the envoy said.", []string{"There ought to be consequences if they refuse"}},
		{"inverted condition", "The envoy said that, should talks fail, a military strike might be necessary.", []string{"should talks fail, a military strike might be necessary"}},
		{"strike might be necessary", "The envoy said a naval strike “might” be necessary if the talks fail.", []string{"a naval strike “might” be necessary if the talks fail"}},
		{"in a position to respond", "The admiral said the fleet was in a position to respond if the talks fail.", []string{"the fleet was in a position to respond if the talks fail"}},
		// idioms
		{"locked and loaded", "The general wrote that the missiles were locked and loaded.", []string{"the missiles were locked and loaded"}},
		{"no longer tolerate", "“We will no longer tolerate these raids,” the governor said.", []string{"We will no longer tolerate these raids"}},
		{"red line", "The president said that a gas attack would cross a red line.", []string{"a gas attack would cross a red line"}},
		// negated commitments with do
		{"does not tolerate is a habit", "The spokesman said the regime does not tolerate dissent from its citizens.", nil},
		{"didn't hesitate is past", "The mayor didn't hesitate to criticise the council, he said.", nil},
		// nouns
		{"title possessor's vow with content", "It recalled the premier’s original vow to punish the rebel regime for the raid.", []string{"vow to punish the rebel regime for the raid"}},
		{"named possessor's vow", "It recalled Premier Lu’s original vow to punish the rebel regime for the raid.", []string{"vow to punish the rebel regime for the raid"}},
		{"possessor's threat ends at the verb", "Premier Lu’s threat to cut off gas supplies to Ruritania worried the markets.", []string{"threat to cut off gas supplies to Ruritania"}},
		{"vow without harm", "Premier Lu’s pledge to cut taxes was popular.", nil},
		{"threat noun as a subject", "The threat of higher steel costs also hit the carmakers.", nil},
		{"threats with a relative clause", "Users will be told about threats that have the potential to affect millions.", nil},
		{"bomb threat is a noun", "Reports said the group may be responsible for the bomb threat.", nil},
		// unasserted reports
		{"threat verb in a condition", "Lu will regret it if he threatens the allies.", nil},
		{"accused of threatening", "The striker denied accusations that he threatened the referee.", nil},
		{"own subject of a threat verb", "The navy denies being behind the blasts, although the blasts came after Ruritania threatened to close the strait.", []string{"threatened to close the strait"}},
		{"for threatening", "The premier criticised Lu for threatening military action.", []string{"threatening military action"}},
		{"force might be necessary", "The envoy said that, should talks fail, force might be necessary to deter the regime.", []string{"should talks fail, force might be necessary to deter the regime"}},
		{"task force is no harm", "“The task force will meet on Monday,” he said.", nil},
		{"generic advice", "“Sometimes you just have to respond quickly,” the mayor said.", nil},
		{"warning with an unnamed clause", "The EU did warn the two were under close scrutiny and it would act if their deficits grew.", []string{"warn the two were under close scrutiny and it would act if their deficits grew"}},
		{"warning of a thing's effect", "The bank warned the dispute could hurt confidence.", nil},
		{"leading conjunction skipped", "“But if they attack us, we will respond,” the admiral said.", []string{"if they attack us, we will respond"}},
		{"second predicate after the threat", "The army said it will take action but did not elaborate.", []string{"it will take action"}},
		{"quote and its fragment are one threat", "The admiral said the fleet was ready “to respond if the talks fail.”", []string{"the fleet was ready “to respond if the talks fail"}},
		{"seeking to sue", "The group is seeking to sue the city, its lawyer said.", []string{"The group is seeking to sue the city"}},
		{"seeking to avoid war", "“We are seeking to avoid war,” the envoy said.", nil},
		{"threat verb reported in a quote", "The envoy said: “We talk while the foreign minister of Ruritania is threatening all-out war.”", []string{"threatening all-out war"}},
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

func TestThreatStageAttributes(t *testing.T) {
	tests := []struct {
		name, text, issuer string
		cond               bool
	}{
		{"announced issuer is the subject", "The Pentagon will impose new sanctions on Ruritania if it invades.", "Pentagon", true},
		{"possessor issues the vow", "It recalled Premier Wang Lu’s vow to punish the rebel regime.", "Wang Lu", false},
		{"own subject issues", "The blasts came after Ruritania threatened to close the strait.", "Ruritania", false},
		{"the one blamed threatens", "The premier criticised Wang Lu for threatening military action.", "Wang Lu", false},
		{"inverted condition is conditional", "The envoy said that, should talks fail, a military strike might be necessary.", "envoy", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, issuer, cond := threatOf(suggest(t, tc.text))
			if text == "" {
				t.Fatalf("no threat in %q", tc.text)
			}
			if !strings.Contains(issuer, tc.issuer) || cond != tc.cond {
				t.Errorf("%q: issuer %q conditional %v, want %q %v", text, issuer, cond, tc.issuer, tc.cond)
			}
		})
	}
}

func TestThreatWordClasses(t *testing.T) {
	l := &Lexicon{}
	for _, row := range [][2]string{{"lift", twRelief}, {"urg*", twOrder}, {"*ity", twDanger}} {
		if err := l.addThreatWord(row[0], row[1]); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		class, w string
		want     bool
	}{
		{twRelief, "lift", true}, {twRelief, "lifted", false},
		{twOrder, "urged", true}, {twOrder, "purged", false},
		{twDanger, "security", true}, {twDanger, "secure", false},
		{twCommit, "vow", false},
	}
	for _, tc := range tests {
		if got := l.threatWords[tc.class].has(tc.w); got != tc.want {
			t.Errorf("%s has %q = %v, want %v", tc.class, tc.w, got, tc.want)
		}
	}
	if err := l.addThreatWord("x", "nonsense"); err == nil || !strings.Contains(err.Error(), "nonsense") {
		t.Errorf("unknown class: err = %v", err)
	}
	if err := l.addThreatWord("a*b", twOrder); err == nil {
		t.Error("bad word accepted")
	}
}

func TestThreatWordsFileErrors(t *testing.T) {
	full := fstest.MapFS{}
	for _, name := range LexiconFiles {
		data, err := os.ReadFile("../../assets/lexicon/" + name)
		if err != nil {
			t.Fatal(err)
		}
		full[name] = &fstest.MapFile{Data: data}
	}
	full["threat-words.tsv"] = &fstest.MapFile{Data: []byte("word\tclass\nlift\trelief\nwhatever\tnoclass\n")}
	if _, err := LoadLexicon(full); err == nil || !strings.Contains(err.Error(), "threat-words.tsv:3") {
		t.Errorf("bad class: err = %v", err)
	}
}
