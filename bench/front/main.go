// Command front is a prototype compiled front for /sparql (issue 14): it answers the common
// read queries with `oxigraph serve-read-only` as the engine and keeps the endpoint's
// per-request guarantees (client and overall concurrency bounds, a per-client rate limit,
// head and body deadlines, no SERVICE, a runaway answered 503, an access log, counters).
// Anything it is not sure of goes to the Python app (`alliancegraph serve`), which has the
// full rules and the project's error messages. A benchmark prototype: see bench/README.md.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

const cancelled = "The SPARQL operation has been cancelled"

var (
	listen      = flag.String("listen", "127.0.0.1:7880", "address to serve on")
	appURL      = flag.String("app", "", "base URL of the Python app (alliancegraph serve)")
	engineURL   = flag.String("engine", "", "query URL of a running oxigraph (else -store starts one)")
	store       = flag.String("store", "", "store location (version dirs + CURRENT) for the engine")
	oxigraphBin = flag.String("oxigraph", "oxigraph", "the oxigraph binary")
	timeoutS    = flag.Float64("timeout", 30, "query timeout in seconds")
	engineT     = flag.Float64("engine-timeout", -1, "the engine's --timeout-s (-1: -timeout; 0: none, "+
		"the front only drops the connection, which does not stop an aggregate)")
	clientQueries = flag.Int("client-queries", 2, "queries one client may have running; 0: no limit")
	maxQueries    = flag.Int("max-queries", 8, "queries running at once overall; 0: no limit")
	rate          = flag.Float64("rate", 20, "requests a second per client; 0: no limit")
	burst         = flag.Float64("burst", 60, "requests a client may send at once")
	headS         = flag.Float64("head-seconds", 5, "time to send the request line and headers")
	bodyS         = flag.Float64("body-seconds", 10, "time to send the whole request")
	maxLength     = flag.Int("max-query-length", 100000, "longest query text (longer: to the app)")
	bufferCap     = flag.Int("buffer", 8<<20, "largest answer buffered (larger: to the app)")
	bare          = flag.Bool("bare", false, "no checks: proxy /sparql to the engine (hop cost)")
	trustFwd      = flag.Bool("trust-forwarded", false, "take the client from X-Forwarded-For")
	accessLog     = flag.Bool("access-log", true, "one line per request on standard output")
)

// -- counters --------------------------------------------------------------------------------

type counters struct {
	Requests, Queries, Answered, Delegated, EngineErrors, RejectedRate,
	RejectedConcurrency, RejectedOverall, Timeouts, Cut, TooLarge int64
}

var metrics counters

func add(p *int64) { atomic.AddInt64(p, 1) }

// -- per-client limits -----------------------------------------------------------------------

const slots = 4096

type bucket struct {
	tokens, stamp float64
	running       int
}

type limits struct {
	mu      sync.Mutex
	buckets [slots]bucket
	running int
	start   time.Time
}

var lim = limits{start: time.Now()}

func slot(client string) int {
	h := fnv.New32a()
	h.Write([]byte(client))
	return int(h.Sum32() % slots)
}

// take counts one request against the client's token bucket; 0, or seconds to wait.
func (l *limits) take(client string) int {
	if *rate <= 0 {
		return 0
	}
	now := time.Since(l.start).Seconds() + 1
	l.mu.Lock()
	defer l.mu.Unlock()
	b := &l.buckets[slot(client)]
	tokens := *burst
	if b.stamp != 0 {
		tokens = b.tokens + (now-b.stamp)**rate
		if tokens > *burst {
			tokens = *burst
		}
	}
	b.stamp = now
	if tokens >= 1 {
		b.tokens = tokens - 1
		return 0
	}
	b.tokens = tokens
	wait := int((1-tokens) / *rate + 0.999)
	if wait < 1 {
		wait = 1
	}
	return wait
}

// enter starts a query: -1 and a refusal message, or the client's slot (pair with leave).
func (l *limits) enter(client string) (int, string) {
	i := slot(client)
	l.mu.Lock()
	defer l.mu.Unlock()
	if *clientQueries > 0 && l.buckets[i].running >= *clientQueries {
		add(&metrics.RejectedConcurrency)
		return -1, fmt.Sprintf("%s already has %d queries running; wait for one to finish",
			client, *clientQueries)
	}
	if *maxQueries > 0 && l.running >= *maxQueries {
		add(&metrics.RejectedOverall)
		return -1, fmt.Sprintf("every query worker is busy (%d queries running); try again",
			*maxQueries)
	}
	l.buckets[i].running++
	l.running++
	return i, ""
}

func (l *limits) leave(i int) {
	l.mu.Lock()
	l.buckets[i].running--
	l.running--
	l.mu.Unlock()
}

// -- access log ------------------------------------------------------------------------------

type logged struct {
	http.ResponseWriter
	status int
	length string
}

func (w *logged) WriteHeader(status int) {
	w.status = status
	w.length = w.Header().Get("Content-Length")
	if w.length == "" {
		w.length = "-"
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *logged) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

var logMu sync.Mutex

// writeLog writes gunicorn's line (Apache combined plus microseconds) with one system call.
func writeLog(r *http.Request, w *logged, began time.Time) {
	if !*accessLog {
		return
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	ref, ua := r.Referer(), r.UserAgent()
	if ref == "" {
		ref = "-"
	}
	if ua == "" {
		ua = "-"
	}
	line := fmt.Sprintf("%s - - [%s] \"%s %s %s\" %d %s \"%s\" \"%s\" %dus\n", host,
		began.UTC().Format("02/Jan/2006:15:04:05 +0000"), r.Method, r.RequestURI, r.Proto,
		w.status, w.length, ref, ua, time.Since(began).Microseconds())
	logMu.Lock()
	os.Stdout.WriteString(line)
	logMu.Unlock()
}

// -- answers ---------------------------------------------------------------------------------

var cors = [][2]string{{"Access-Control-Allow-Origin", "*"},
	{"Access-Control-Expose-Headers", "ETag, X-SPARQL-Truncated, X-SPARQL-Row-Limit"}}

func refuse(w http.ResponseWriter, status int, title, message string, retry int) {
	body, _ := json.Marshal(map[string]any{"status": status, "error": title, "message": message})
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Retry-After", strconv.Itoa(retry))
	for _, kv := range cors {
		h.Set(kv[0], kv[1])
	}
	w.WriteHeader(status)
	w.Write(body)
}

// The formats of server/api/formats.py in table order (the first is the default), and the
// aliases clients send for them.
var (
	tabular = []string{"application/sparql-results+json", "application/sparql-results+xml",
		"text/csv", "text/tab-separated-values"}
	graph = []string{"text/turtle", "application/n-triples", "application/ld+json",
		"application/rdf+xml"}
	aliases = map[string]string{"application/json": "application/sparql-results+json",
		"application/xml": "application/sparql-results+xml",
		"text/xml":        "application/sparql-results+xml"}
)

// media is the format to answer in, or "" when the negotiation is the app's to do. It
// decides only what werkzeug's best_match would decide the same way: a list without
// q-values or partial wildcards, where the first format of the table the client names
// wins, and */* alone means the default.
func media(accept, form string) string {
	rdf := form == "CONSTRUCT" || form == "DESCRIBE"
	table := tabular
	if rdf {
		table = graph
	}
	accept = strings.TrimSpace(accept)
	if accept == "" || accept == "*/*" {
		return table[0]
	}
	if strings.ContainsAny(accept, ";") {
		return ""
	}
	named := map[string]bool{}
	for _, v := range strings.Split(accept, ",") {
		v = strings.ToLower(strings.TrimSpace(v))
		if strings.HasSuffix(v, "/*") && v != "*/*" {
			return ""
		}
		if a, ok := aliases[v]; ok && !rdf {
			v = a
		} else if ok {
			return "" // an alias that means another format for a graph: the app decides
		}
		named[v] = true
	}
	for _, m := range table {
		if named[m] {
			return m
		}
	}
	return ""
}

// -- the front -------------------------------------------------------------------------------

type front struct {
	app     *httputil.ReverseProxy
	engine  string
	client  *http.Client
	version string
	bareRP  *httputil.ReverseProxy
}

func (f *front) clientOf(r *http.Request) string {
	if *trustFwd {
		if fwd := r.Header.Get("X-Forwarded-For"); fwd != "" {
			parts := strings.Split(fwd, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	return host
}

func (f *front) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	began := time.Now()
	w := &logged{ResponseWriter: rw, status: 200, length: "-"}
	defer writeLog(r, w, began)
	add(&metrics.Requests)
	if wait := lim.take(f.clientOf(r)); wait > 0 {
		add(&metrics.RejectedRate)
		refuse(w, 429, "TooManyRequests", fmt.Sprintf(
			"more than %g requests a second from %s; try again in %d s", *rate, f.clientOf(r), wait),
			wait)
		return
	}
	if r.URL.Path == "/front/metrics" {
		m := map[string]int64{}
		b, _ := json.Marshal(metrics) // read without locking: counters, not a snapshot
		json.Unmarshal(b, &m)
		b, _ = json.Marshal(m)
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
		return
	}
	if r.URL.Path != "/sparql" && r.URL.Path != "/sparql/" {
		f.delegate(w, r, nil)
		return
	}
	if *bare {
		f.bareRP.ServeHTTP(w, r)
		return
	}
	query, body, ok := f.read(w, r)
	if body == nil && !ok {
		return // the body was not read in time; the client has its answer
	}
	if !ok {
		f.delegate(w, r, body)
		return
	}
	s := scanQuery(query)
	fmtMedia := media(r.Header.Get("Accept"), s.form)
	// SERVICE, updates, FROM, the unsure and the rare formats: the app decides and answers.
	if s.unsure || s.service || s.from || s.form == "" || fmtMedia == "" {
		f.delegate(w, r, body)
		return
	}
	etag := f.etag(query, fmtMedia)
	if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, etag[2:]) {
		h := w.Header()
		for _, kv := range cors {
			h.Set(kv[0], kv[1])
		}
		h.Set("ETag", etag)
		h.Set("Vary", "Accept")
		w.WriteHeader(304)
		return
	}
	client := f.clientOf(r)
	i, why := lim.enter(client)
	if i < 0 {
		refuse(w, 503, "Busy", why, 2)
		return
	}
	add(&metrics.Queries)
	answer, status, verdict := f.ask(r.Context(), query, fmtMedia)
	lim.leave(i) // the engine is done: a slow reader now holds only this buffer
	switch verdict {
	case "ok":
		add(&metrics.Answered)
		h := w.Header()
		ct := fmtMedia
		if strings.HasPrefix(ct, "text/") {
			ct += "; charset=utf-8"
		}
		h.Set("Content-Type", ct)
		for _, kv := range cors {
			h.Set(kv[0], kv[1])
		}
		h.Set("ETag", etag)
		h.Set("Vary", "Accept")
		h.Set("Cache-Control", "no-cache")
		h.Set("Content-Length", strconv.Itoa(len(answer)))
		w.WriteHeader(200)
		w.Write(answer)
	case "timeout":
		add(&metrics.Timeouts)
		log.Printf("query timeout: client=%s duration=%.2fs", client, time.Since(began).Seconds())
		refuse(w, 503, "QueryTimeout", fmt.Sprintf("the query ran past the limit of %g s and "+
			"was stopped; add a LIMIT or narrow the patterns", *timeoutS), 5)
	default: // an engine error (a syntax error, 400) or an answer over the buffer: the app
		if status != 200 {
			add(&metrics.EngineErrors)
		} else {
			add(&metrics.TooLarge)
		}
		f.delegate(w, r, body)
	}
}

// read gets the query text of a GET or POST. ok=false with a body means "let the app
// answer"; ok=false with no body means the request was already answered (too slow).
func (f *front) read(w http.ResponseWriter, r *http.Request) (string, []byte, bool) {
	switch r.Method {
	case "GET":
		q := r.URL.Query()
		qs, has := q["query"]
		if !has || len(qs) != 1 || len(q) != 1 || len(qs[0]) > *maxLength {
			return "", []byte{}, false
		}
		return qs[0], []byte{}, true
	case "POST":
		ct := r.Header.Get("Content-Type")
		if r.ContentLength < 0 || r.ContentLength > int64(4**maxLength+1024) ||
			(ct != "application/x-www-form-urlencoded" && ct != "application/sparql-query") ||
			r.URL.RawQuery != "" {
			return "", []byte{}, false
		}
		body := make([]byte, r.ContentLength)
		if _, err := io.ReadFull(r.Body, body); err != nil {
			refuse(w, 408, "RequestTimeout", "the request body did not arrive in time", 5)
			return "", nil, false
		}
		if ct == "application/sparql-query" {
			if len(body) > *maxLength {
				return "", body, false
			}
			return string(body), body, true
		}
		form, err := url.ParseQuery(string(body))
		qs := form["query"]
		if err != nil || len(form) != 1 || len(qs) != 1 || len(qs[0]) > *maxLength {
			return "", body, false
		}
		return qs[0], body, true
	}
	return "", []byte{}, false
}

func (f *front) etag(query, mediaType string) string {
	h := fnv.New64a()
	h.Write([]byte(query))
	h.Write([]byte{0})
	h.Write([]byte(mediaType))
	return fmt.Sprintf("W/\"%s-f%016x\"", f.version, h.Sum64())
}

// ask runs a query on the engine and buffers its answer: "ok", "timeout" (finished at or
// after the engine's deadline, cut, or with the cancellation text), or "app" (an error or
// an answer over the buffer: the app answers instead).
func (f *front) ask(ctx context.Context, query, mediaType string) ([]byte, int, string) {
	began := time.Now()
	req, _ := http.NewRequestWithContext(ctx, "POST", f.engine, strings.NewReader(query))
	req.Header.Set("Content-Type", "application/sparql-query")
	req.Header.Set("Accept", mediaType)
	req.Header["Idempotency-Key"] = nil // a query may be retried on a stale connection
	resp, err := f.client.Do(req)
	if err != nil {
		if time.Since(began).Seconds() >= *timeoutS {
			return nil, 0, "timeout"
		}
		return nil, 502, "app"
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		return nil, resp.StatusCode, "app"
	}
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(resp.Body, int64(*bufferCap)+1))
	late := time.Since(began).Seconds() >= *timeoutS
	if err != nil {
		add(&metrics.Cut)
		return nil, 200, "timeout"
	}
	if n > int64(*bufferCap) {
		return nil, 200, "app"
	}
	tail := buf.Bytes()
	if len(tail) > 512 {
		tail = tail[len(tail)-512:]
	}
	if late || bytes.Contains(tail, []byte(cancelled)) {
		return nil, 200, "timeout"
	}
	return buf.Bytes(), 200, "ok"
}

// delegate passes a request to the Python app (its body already read, or not).
func (f *front) delegate(w http.ResponseWriter, r *http.Request, body []byte) {
	add(&metrics.Delegated)
	if body != nil && len(body) > 0 {
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
	}
	f.app.ServeHTTP(w, r)
}

// -- the engine ------------------------------------------------------------------------------

// startEngine runs `oxigraph serve-read-only` on the store's current version.
func startEngine() (string, string, *exec.Cmd) {
	raw, err := os.ReadFile(filepath.Join(*store, "CURRENT"))
	if err != nil {
		log.Fatalf("no store: %v", err)
	}
	version := strings.TrimSpace(string(raw))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	args := []string{"serve-read-only", "--location", filepath.Join(*store, version),
		"--bind", addr, "--union-default-graph"}
	if *engineT < 0 {
		*engineT = *timeoutS
	}
	if *engineT > 0 {
		// oxigraph 0.5.13 starts a thread per query that sleeps this long (bench/README.md)
		args = append(args, "--timeout-s", strconv.FormatFloat(*engineT, 'f', -1, 64))
	}
	cmd := exec.Command(*oxigraphBin, args...)
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	u := "http://" + addr + "/query"
	for t := 0; t < 300; t++ {
		if r, err := http.Get(u + "?query=ASK%7B%7D"); err == nil {
			r.Body.Close()
			return u, version, cmd
		}
		time.Sleep(100 * time.Millisecond)
	}
	log.Fatalf("oxigraph did not come up at %s", addr)
	return "", "", nil
}

func main() {
	flag.Parse()
	log.SetFlags(0)
	log.SetOutput(os.Stderr)
	app, err := url.Parse(*appURL)
	if err != nil || *appURL == "" {
		log.Fatal("-app: the Python app's base URL is needed")
	}
	f := &front{app: httputil.NewSingleHostReverseProxy(app), version: "v"}
	f.engine = *engineURL
	if f.engine == "" {
		var cmd *exec.Cmd
		f.engine, f.version, cmd = startEngine()
		defer cmd.Process.Kill()
	}
	// oxigraph drops a keep-alive connection idle for its timeout: reuse only fresher ones
	idle := time.Duration(*timeoutS * float64(time.Second) / 2)
	transport := &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256,
		IdleConnTimeout: idle, DisableCompression: true}
	f.client = &http.Client{Transport: transport,
		Timeout: time.Duration(*timeoutS * float64(time.Second))} // the deadline, whatever the engine does
	f.app.Transport = transport
	eng, _ := url.Parse(f.engine)
	f.bareRP = &httputil.ReverseProxy{Transport: transport, Director: func(r *http.Request) {
		r.URL.Scheme, r.URL.Host, r.URL.Path = eng.Scheme, eng.Host, eng.Path
		r.Host = eng.Host
	}}
	srv := &http.Server{Addr: *listen, Handler: f,
		ReadHeaderTimeout: time.Duration(*headS * float64(time.Second)),
		ReadTimeout:       time.Duration((*headS + *bodyS) * float64(time.Second)),
		WriteTimeout:      time.Duration((*timeoutS + 60) * float64(time.Second)),
		IdleTimeout:       60 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "front on http://%s/sparql, engine %s, app %s\n", ln.Addr(), f.engine, *appURL)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}
