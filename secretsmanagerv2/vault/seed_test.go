package vault

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// The examples of the Vault API document (seed 002, kept as testdata/seed002-vault-api.txt) are read
// from the document itself, so the replay test sends exactly what it shows.

// docRequest is a curl example of the document.
type docRequest struct {
	line   int
	title  string // the sentence above the example
	method string
	path   string // from /v1/, query included, placeholders as written
	body   string // the JSON body, "" when none
}

// docResponse is a JSON example answer of the document.
type docResponse struct {
	line  int
	title string
	body  string
}

var curlRe = regexp.MustCompile(`curl (?:-L )?-X (\w+) ["']https://[^"']*?(/v1/[^"']*)["']`)

// docFixes are the corrections the document's examples need to be JSON: a bare word, a missing
// comma. Each is applied once and checked to apply.
var docFixes = []struct{ from, to string }{
	{`"unit": day`, `"unit": "day"`},
	{`"description": "Extended description for my secret."
        "certificate"`, `"description": "Extended description for my secret.",
        "certificate"`},
}

func readDoc(t *testing.T) ([]docRequest, []docResponse) {
	t.Helper()
	raw, err := os.ReadFile("testdata/seed002-vault-api.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	for _, f := range docFixes {
		if !strings.Contains(text, f.from) {
			t.Fatalf("document fix %q no longer applies", f.from)
		}
		text = strings.ReplaceAll(text, f.from, f.to)
	}
	lines := strings.Split(text, "\n")
	var reqs []docRequest
	var resps []docResponse
	title := ""
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case curlRe.MatchString(l):
			m := curlRe.FindStringSubmatch(l)
			r := docRequest{line: i + 1, title: title, method: m[1], path: m[2]}
			// The body: the first '{ after -d, -D, --data-raw or a misplaced -H, to its matching brace.
			for j := i + 1; j < len(lines) && !strings.HasPrefix(lines[j], "curl ") && strings.TrimSpace(lines[j]) != ""; j++ {
				if k := strings.Index(lines[j], "'{"); k >= 0 {
					rest := strings.Join(lines[j:], "\n")
					rest = rest[strings.Index(rest, "'{")+1:]
					r.body = rest[:matchBrace(rest)]
					break
				}
			}
			reqs = append(reqs, r)
		case l == "{":
			end := i
			for end < len(lines) && lines[end] != "}" {
				end++
			}
			body := strings.Join(lines[i:end+1], "\n")
			resps = append(resps, docResponse{line: i + 1, title: title, body: body})
			i = end
		case strings.TrimSpace(l) != "" && !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "}"):
			title = strings.TrimSpace(l)
		}
	}
	for _, r := range reqs {
		if r.body != "" && !json.Valid([]byte(r.body)) {
			t.Fatalf("line %d: the request body is not JSON: %s", r.line, r.body)
		}
	}
	for _, r := range resps {
		if !json.Valid([]byte(r.body)) {
			t.Fatalf("line %d: the response is not JSON", r.line)
		}
	}
	return reqs, resps
}

// matchBrace returns the index after the brace that closes the object s starts with.
func matchBrace(s string) int {
	depth, inString, escaped := 0, false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString:
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(s)
}

// TestReadDoc checks that the document's examples are all read: 83 requests and 50 answers (set
// VAULT_DOC_DUMP to list them).
func TestReadDoc(t *testing.T) {
	reqs, resps := readDoc(t)
	if len(reqs) != 83 || len(resps) != 50 {
		t.Fatalf("read %d requests and %d answers from the document; want 83 and 50", len(reqs), len(resps))
	}
	if os.Getenv("VAULT_DOC_DUMP") != "" {
		for i, r := range reqs {
			t.Logf("req %d line %d %s %s [%s] body=%v", i, r.line, r.method, r.path, r.title, r.body != "")
		}
		for i, r := range resps {
			t.Logf("resp %d line %d [%s]", i, r.line, r.title)
		}
	}
	t.Logf("%d requests, %d responses", len(reqs), len(resps))
}
