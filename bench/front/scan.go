package main

// A small SPARQL scanner: the query form, FROM, SERVICE and update keywords, found the way
// server/api/lexer.py finds them (strings, IRIs, comments, variables and prefixed names are
// whole tokens; only bare words count). Whatever it is not sure of (non-ASCII or a backslash
// outside strings, an unterminated string, a relative IRI) makes the front hand the request
// to the Python app, which has the full rules.

import "strings"

// scan is what the front needs to know about a query text.
type scan struct {
	form    string // SELECT, ASK, CONSTRUCT, DESCRIBE, or "" (update, unknown)
	service bool   // SERVICE appears as a keyword
	from    bool   // FROM / FROM NAMED: the query chooses its own dataset
	unsure  bool   // the scanner met something it does not model
}

func isWordStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isWord(c byte) bool {
	return isWordStart(c) || (c >= '0' && c <= '9')
}

// closeString returns the index after the string starting at i, or -1 if it never ends.
func closeString(q string, i int) int {
	quote := q[i]
	if strings.HasPrefix(q[i:], strings.Repeat(string(quote), 3)) {
		end := i + 3
		for end < len(q) {
			switch {
			case q[end] == '\\':
				end += 2
			case strings.HasPrefix(q[end:], strings.Repeat(string(quote), 3)):
				return end + 3
			default:
				end++
			}
		}
		return -1
	}
	for end := i + 1; end < len(q); end++ {
		switch q[end] {
		case '\\':
			end++
		case '\r', '\n':
			return -1
		case quote:
			return end + 1
		}
	}
	return -1
}

// closeIRI returns the index after an IRI starting at i and whether it is absolute, or -1
// when `<` is not an IRI here (a comparison).
func closeIRI(q string, i int) (int, bool) {
	colon := false
	for end := i + 1; end < len(q); end++ {
		c := q[end]
		switch {
		case c == '>':
			return end + 1, colon
		case c == ':':
			colon = true
		case c <= 0x20 || strings.IndexByte("<\"{}|^`\\", c) >= 0 || c >= 0x80:
			return -1, false
		}
	}
	return -1, false
}

// scanQuery reads a query's tokens once.
func scanQuery(q string) scan {
	var s scan
	first := ""
	i := 0
	for i < len(q) {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
		case c == '#':
			for i < len(q) && q[i] != '\n' && q[i] != '\r' {
				i++
			}
		case c == '"' || c == '\'':
			end := closeString(q, i)
			if end < 0 {
				s.unsure = true
				return s
			}
			i = end
		case c == '<':
			end, absolute := closeIRI(q, i)
			if end < 0 {
				i++ // a comparison
				continue
			}
			if !absolute {
				s.unsure = true // resolved against the endpoint's URL by the app
				return s
			}
			i = end
		case c == '?' || c == '$' || c == '@':
			i++
			for i < len(q) && (isWord(q[i]) || q[i] == '-') {
				i++
			}
		case c == '_' && i+1 < len(q) && q[i+1] == ':':
			i += 2
			for i < len(q) && (isWord(q[i]) || q[i] == '.' || q[i] == '-') {
				i++
			}
		case c == ':':
			i = skipLocal(q, i+1)
		case isWordStart(c):
			j := i
			for j < len(q) && (isWord(q[j]) || q[j] == '.' || q[j] == '-') {
				j++
			}
			if j < len(q) && q[j] == ':' { // a prefixed name (or a PREFIX declaration)
				i = skipLocal(q, j+1)
				continue
			}
			j = i
			for j < len(q) && (isWord(q[j]) || q[j] == '-') {
				j++
			}
			word := strings.ToUpper(q[i:j])
			i = j
			switch word {
			case "SERVICE":
				s.service = true
			case "FROM":
				s.from = true
			}
			if first == "" && word != "BASE" && word != "PREFIX" {
				first = word
			}
		case c >= 0x80 || c == '\\':
			s.unsure = true
			return s
		default:
			i++
		}
	}
	switch first {
	case "SELECT", "ASK", "CONSTRUCT", "DESCRIBE":
		s.form = first
	}
	return s
}

func skipLocal(q string, i int) int {
	for i < len(q) && (isWord(q[i]) || strings.IndexByte(".-:%", q[i]) >= 0) {
		i++
	}
	return i
}
