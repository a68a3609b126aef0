package main

import "testing"

func TestScan(t *testing.T) {
	cases := []struct {
		q                     string
		form                  string
		service, from, unsure bool
	}{
		{`PREFIX s: <http://x/SERVICE#> SELECT ?service { ?s s:SERVICE "SERVICE" }`, "SELECT", false, false, false},
		{`ASK { SeRvIcE <http://x/> { ?s ?p ?o } }`, "ASK", true, false, false},
		{"SELECT * { ?s ?p ?o # SERVICE\n}", "SELECT", false, false, false},
		{`SELECT * { ?s ?p """a "SERVICE" b""" }`, "SELECT", false, false, false},
		{`SELECT * { ?s ?p 'x' } # no`, "SELECT", false, false, false},
		{`select * FROM <http://g> { ?s ?p ?o }`, "SELECT", false, true, false},
		{`SELECT * { ?s ?p ?o FILTER(?o < 3 && ?o > 1) SERVICE<http://a/>{} }`, "SELECT", true, false, false},
		{`SELECT * { ?s ?p "unterminated }`, "SELECT", false, false, true},
		{`SELECT * { <relative> ?p ?o }`, "", false, false, true},
		{`SELECT * { ?s ?p "é" }`, "SELECT", false, false, false},
		{`SELECT * { ?s ?p ?o } # é`, "SELECT", false, false, false},
		{`SELECT * { ?s ex:a\.b ?o }`, "", false, false, true},
		{`INSERT DATA { <http://a> <http://b> <http://c> }`, "", false, false, false},
		{`BASE <http://a/> PREFIX p: <http://p/> DESCRIBE p:x`, "DESCRIBE", false, false, false},
		{`SELECT * { ?s SERVICE: ?o }`, "SELECT", false, false, false},
	}
	for _, c := range cases {
		s := scanQuery(c.q)
		if s.unsure != c.unsure || (!c.unsure && (s.form != c.form || s.service != c.service || s.from != c.from)) {
			t.Errorf("%q: got %+v", c.q, s)
		}
	}
}

func TestMedia(t *testing.T) {
	cases := []struct{ accept, form, want string }{
		{"", "SELECT", "application/sparql-results+json"},
		{"*/*", "CONSTRUCT", "text/turtle"},
		{"text/csv", "SELECT", "text/csv"},
		{"application/sparql-results+json,application/json,text/javascript,application/javascript", "SELECT", "application/sparql-results+json"},
		{"text/csv, application/sparql-results+xml", "ASK", "application/sparql-results+xml"},
		{"application/json", "SELECT", "application/sparql-results+json"},
		{"application/json", "CONSTRUCT", ""},
		{"text/csv;q=0.5, text/tab-separated-values", "SELECT", ""},
		{"text/*", "SELECT", ""},
		{"text/turtle", "SELECT", ""},
	}
	for _, c := range cases {
		if got := media(c.accept, c.form); got != c.want {
			t.Errorf("media(%q, %s) = %q, want %q", c.accept, c.form, got, c.want)
		}
	}
}
