// Command smlocal is a local IBM Cloud Secrets Manager: the embedded server
// of package secretsmanagertest as a program, for any language's SDK, curl,
// Vault clients, CI jobs and docker-compose setups. It serves the v2 API at
// /api/v2/, the Vault-compatible API at /v1/, an IAM token endpoint at
// /identity/token, an admin API at /admin/ and a health check at /health.
//
//	go run ./secretsmanagerv2/secretsmanagertest/cmd/smlocal    # from a clone of this repository
//
// (not "go run …/cmd/smlocal@latest": the module path is the official SDK's, whose releases have no
// smlocal).
//
// Every flag has an environment variable (SMLOCAL_<FLAG>, in capitals with
// underscores); a flag given wins. Run smlocal -h for the list.
package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	smt "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/secretsmanagertest"
)

// options are the settings of one run.
type options struct {
	listen      string
	plainHTTP   bool
	certFile    string
	keyFile     string
	certOut     string
	dataFile    string
	recover     bool
	seedFile    string
	apiKeys     listFlag
	tokens      listFlag
	tokenTTL    time.Duration
	adminToken  string
	faultsFile  string
	faultSeed   string
	logRequests bool
	drain       time.Duration
}

// listFlag is a flag that may be given several times, or as a
// comma-separated list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

func main() {
	os.Exit(run(os.Args[1:], os.Stderr, nil))
}

// run runs smlocal with args, logging to logw, until SIGINT or SIGTERM (or
// stop, when not nil, is closed). It returns the exit code.
func run(args []string, logw io.Writer, stop <-chan struct{}) int {
	start := time.Now()
	// From the start: a signal that comes while the data file is read still
	// gets a graceful shutdown once serving (and never kills a half-written compaction).
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	logger := log.New(logw, "smlocal: ", log.LstdFlags|log.LUTC)
	o, err := parseOptions(args, os.Getenv)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		logger.Printf("%v", err)
		return 2
	}
	h, err := newHandler(o, logger)
	if err != nil {
		logger.Printf("%v", err)
		return 1
	}
	closeData := func() {
		if err := h.Close(); err != nil {
			logger.Printf("closing the data file: %v", err)
		}
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		logger.Printf("listen: %v", err)
		closeData()
		return 1
	}
	if !isLoopback(ln.Addr()) && len(o.apiKeys) == 0 && len(o.tokens) == 0 {
		logger.Printf("WARNING: listening on %s, beyond this machine, with no API key or token: anyone who reaches it can read and change every secret (give -apikey or -token)", ln.Addr())
	}
	scheme := "https"
	srv := &http.Server{Handler: withRequestLog(withHealth(h), logger, o.logRequests), ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: log.New(io.Discard, "", 0)}
	var certPath string
	if o.plainHTTP {
		scheme = "http"
	} else {
		cert, path, err := tlsCertificate(o, ln.Addr())
		if err != nil {
			logger.Printf("TLS: %v", err)
			_ = ln.Close()
			closeData()
			return 1
		}
		certPath = path
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, srv.TLSConfig)
	}
	base := scheme + "://" + hostPort(ln.Addr())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	apikey := "any-key"
	if len(o.apiKeys) > 0 {
		apikey = "<one of -apikey>"
	}
	logger.Printf("ready in %v: %s (data: %s)", time.Since(start).Round(time.Millisecond), base, dataDesc(o))
	logger.Printf("point clients at it with:\n\texport SECRETS_MANAGER_URL=%s\n\texport SECRETS_MANAGER_AUTH_URL=%s\n\texport SECRETS_MANAGER_AUTH_TYPE=iam\n\texport SECRETS_MANAGER_APIKEY=%s%s",
		base, base, apikey, certHint(certPath))

	code := 0
	select {
	case s := <-sigs:
		logger.Printf("%v: shutting down (in-flight requests finish)", s)
	case <-stop:
	case err := <-served:
		logger.Printf("serve: %v", err)
		code = 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), o.drain)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		logger.Printf("shutdown: %v (requests still running were cut)", err)
		_ = srv.Close()
	}
	if err := h.Close(); err != nil {
		logger.Printf("closing the data file: %v", err)
		return 1
	}
	logger.Printf("stopped")
	return code
}

// parseOptions reads the flags, with the environment variables as defaults.
func parseOptions(args []string, getenv func(string) string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("smlocal", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: smlocal [flags]\n\nA local IBM Cloud Secrets Manager. Every flag also reads the environment variable shown.\n\n")
		fs.PrintDefaults()
	}
	env := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	fs.StringVar(&o.listen, "listen", env("SMLOCAL_LISTEN", "127.0.0.1:8443"), "address to listen on (SMLOCAL_LISTEN); the default serves this machine only")
	fs.BoolVar(&o.plainHTTP, "http", env("SMLOCAL_HTTP", "") == "true" || env("SMLOCAL_HTTP", "") == "1", "serve plain HTTP instead of HTTPS (SMLOCAL_HTTP=true)")
	fs.StringVar(&o.certFile, "tls-cert", env("SMLOCAL_TLS_CERT", ""), "PEM certificate to serve (SMLOCAL_TLS_CERT; default: one made at start)")
	fs.StringVar(&o.keyFile, "tls-key", env("SMLOCAL_TLS_KEY", ""), "PEM private key of -tls-cert (SMLOCAL_TLS_KEY)")
	fs.StringVar(&o.certOut, "cert-out", env("SMLOCAL_CERT_OUT", ""), "where to write the certificate made at start, for clients to trust (SMLOCAL_CERT_OUT; default: smlocal-cert.pem in the temporary directory, or next to -data)")
	fs.StringVar(&o.dataFile, "data", env("SMLOCAL_DATA", ""), "data file keeping the state across restarts and crashes (SMLOCAL_DATA; default: memory only)")
	fs.BoolVar(&o.recover, "recover", env("SMLOCAL_RECOVER", "") == "true", "start on a damaged data file with the state before the damage, keeping a copy of it (SMLOCAL_RECOVER=true)")
	fs.StringVar(&o.seedFile, "seed", env("SMLOCAL_SEED", ""), "seed file (JSON) to load when the state is empty (SMLOCAL_SEED)")
	fs.Var(&o.apiKeys, "apikey", "API key the IAM endpoint accepts, key or key:read-only; repeatable (SMLOCAL_APIKEYS, comma-separated; default: any key, full access)")
	fs.Var(&o.tokens, "token", "static bearer token the APIs accept, token or token:read-only; repeatable (SMLOCAL_TOKENS)")
	fs.DurationVar(&o.tokenTTL, "token-ttl", durEnv(getenv, "SMLOCAL_TOKEN_TTL", time.Hour), "lifetime of the IAM access tokens (SMLOCAL_TOKEN_TTL)")
	fs.StringVar(&o.adminToken, "admin-token", env("SMLOCAL_ADMIN_TOKEN", ""), "token of the admin API under /admin/ (SMLOCAL_ADMIN_TOKEN; default: none needed when listening on loopback, admin API off otherwise)")
	fs.StringVar(&o.faultsFile, "faults", env("SMLOCAL_FAULTS", ""), "faults to inject at start: a JSON file, or the JSON itself such as '{\"faults\":[{\"status\":503,\"probability\":0.1}]}' (SMLOCAL_FAULTS)")
	fs.StringVar(&o.faultSeed, "fault-seed", env("SMLOCAL_FAULT_SEED", ""), "seed of the fault probabilities, for a reproducible run (SMLOCAL_FAULT_SEED)")
	fs.BoolVar(&o.logRequests, "log-requests", env("SMLOCAL_LOG_REQUESTS", "true") != "false", "log each request: method, path, status, time; never bodies or credentials (SMLOCAL_LOG_REQUESTS)")
	fs.DurationVar(&o.drain, "shutdown-timeout", durEnv(getenv, "SMLOCAL_SHUTDOWN_TIMEOUT", 30*time.Second), "how long in-flight requests may run at shutdown (SMLOCAL_SHUTDOWN_TIMEOUT)")
	if v := getenv("SMLOCAL_APIKEYS"); v != "" {
		_ = o.apiKeys.Set(v)
	}
	if v := getenv("SMLOCAL_TOKENS"); v != "" {
		_ = o.tokens.Set(v)
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q (smlocal -h lists the flags)", fs.Arg(0))
	}
	if (o.certFile == "") != (o.keyFile == "") {
		return nil, errors.New("-tls-cert and -tls-key go together")
	}
	if o.tokenTTL <= 0 {
		return nil, errors.New("-token-ttl must be positive")
	}
	return o, nil
}

func durEnv(getenv func(string) string, name string, def time.Duration) time.Duration {
	if v := getenv(name); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
	}
	return def
}

// splitAccess splits "key:read-only" into the key and whether it is read-only.
func splitAccess(s string) (string, bool) {
	for _, suffix := range []string{":read-only", ":readonly", ":ro", ":reader"} {
		if k, ok := strings.CutSuffix(s, suffix); ok {
			return k, true
		}
	}
	return s, false
}

// newHandler builds the handler of o, loading the data, seed and faults files.
func newHandler(o *options, logger *log.Logger) (*smt.Handler, error) {
	opts := []smt.Option{smt.WithLogf(logger.Printf), smt.WithIAMTokenTTL(o.tokenTTL), smt.WithIAMEndpoint()}
	for _, k := range o.apiKeys {
		if key, ro := splitAccess(k); ro {
			opts = append(opts, smt.WithReadOnlyAPIKey(key))
		} else {
			opts = append(opts, smt.WithAPIKey(key))
		}
	}
	for _, t := range o.tokens {
		if tok, ro := splitAccess(t); ro {
			opts = append(opts, smt.WithReadOnlyToken(tok))
		} else {
			opts = append(opts, smt.WithToken(tok))
		}
	}
	if o.adminToken != "" || isLoopbackAddr(o.listen) {
		opts = append(opts, smt.WithAdminToken(o.adminToken))
	}
	if o.faultSeed != "" {
		var seed uint64
		if _, err := fmt.Sscan(o.faultSeed, &seed); err != nil {
			return nil, fmt.Errorf("-fault-seed %q is not a number", o.faultSeed)
		}
		opts = append(opts, smt.WithFaultSeed(seed))
	}
	if o.recover {
		opts = append(opts, smt.WithDataFileRecovery())
	}
	var h *smt.Handler
	if o.dataFile != "" {
		var err error
		if h, err = smt.OpenHandler(o.dataFile, opts...); err != nil {
			return nil, err
		}
	} else {
		h = smt.NewHandler(opts...)
	}
	fail := func(err error) (*smt.Handler, error) {
		_ = h.Close()
		return nil, err
	}
	if o.seedFile != "" {
		d := h.Dump(false)
		if len(d["secrets"].([]map[string]any)) == 0 && len(d["configurations"].([]map[string]any)) == 0 && len(d["secret_groups"].([]map[string]any)) == 1 {
			b, err := os.ReadFile(o.seedFile)
			if err != nil {
				return fail(err)
			}
			f, err := smt.ParseSeedFile(b)
			if err != nil {
				return fail(fmt.Errorf("%s: %w", o.seedFile, err))
			}
			res, err := h.Seed(f)
			if err != nil {
				return fail(fmt.Errorf("%s: %w", o.seedFile, err))
			}
			logger.Printf("seeded from %s: %d secret groups, %d secrets, %d configurations", o.seedFile,
				len(res.SecretGroups), len(res.Secrets), len(res.Configurations))
		} else {
			logger.Printf("the state is not empty: the seed file %s is not loaded again", o.seedFile)
		}
	}
	if o.faultsFile != "" {
		b := []byte(o.faultsFile) // inline JSON
		if !strings.HasPrefix(strings.TrimSpace(o.faultsFile), "{") {
			var err error
			if b, err = os.ReadFile(o.faultsFile); err != nil {
				return fail(err)
			}
		}
		if err := h.InjectFaultsJSON(b, true); err != nil {
			return fail(fmt.Errorf("%s: %w", o.faultsFile, err))
		}
	}
	return h, nil
}

func dataDesc(o *options) string {
	if o.dataFile == "" {
		return "memory only"
	}
	return o.dataFile
}

func certHint(path string) string {
	if path == "" {
		return ""
	}
	return fmt.Sprintf("\n\texport SSL_CERT_FILE=%s  # Go; REQUESTS_CA_BUNDLE (Python), NODE_EXTRA_CA_CERTS (Node), curl --cacert", path)
}

// withHealth serves GET /health without any token.
func withHealth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/health" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"status":"ok"}`+"\n")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// statusWriter records the status of an answer.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection (faults that cut it).
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// safeQuery are the query parameters whose values are logged.
var safeQuery = map[string]bool{"limit": true, "offset": true, "sort": true, "search": true, "groups": true,
	"secret_types": true, "match_all_labels": true, "force_delete": true, "secrets": true, "list": true}

// withRequestLog logs each request's method, path (query values other than
// safeQuery's redacted), status, size and time. Bodies and headers, where
// secrets travel, are never logged.
func withRequestLog(next http.Handler, logger *log.Logger, on bool) http.Handler {
	if !on {
		return next
	}
	var n atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			logger.Printf("#%d %s %s %d %dB %v", n.Add(1), r.Method, redactedURI(r.URL), sw.status, sw.bytes, time.Since(start).Round(time.Microsecond))
		}()
		next.ServeHTTP(sw, r)
	})
}

func redactedURI(u *url.URL) string {
	if u.RawQuery == "" {
		return u.EscapedPath()
	}
	q := u.Query()
	for k, vs := range q {
		if !safeQuery[k] {
			for i := range vs {
				vs[i] = "REDACTED"
			}
		}
	}
	return u.EscapedPath() + "?" + q.Encode()
}

func isLoopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}

// isLoopbackAddr reports whether a listen address is a loopback one.
func isLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// hostPort is the address clients use: localhost names for wildcard binds.
func hostPort(a net.Addr) string {
	ta, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	if ta.IP.IsUnspecified() {
		return net.JoinHostPort("localhost", fmt.Sprint(ta.Port))
	}
	return ta.String()
}

// tlsCertificate returns the certificate to serve: the given one, or one
// made now for localhost and the listen address, written (PEM) where
// clients can trust it.
func tlsCertificate(o *options, addr net.Addr) (tls.Certificate, string, error) {
	if o.certFile != "" {
		c, err := tls.LoadX509KeyPair(o.certFile, o.keyFile)
		return c, o.certFile, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		return tls.Certificate{}, "", err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial, Subject: pkix.Name{CommonName: "smlocal", Organization: []string{"smlocal (local Secrets Manager)"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(365 * 24 * time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, BasicConstraintsValid: true, IsCA: true,
		DNSNames:    []string{"localhost"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	if ta, ok := addr.(*net.TCPAddr); ok && !ta.IP.IsUnspecified() && !ta.IP.IsLoopback() {
		tmpl.IPAddresses = append(tmpl.IPAddresses, ta.IP)
	}
	if h, err := os.Hostname(); err == nil && h != "" {
		tmpl.DNSNames = append(tmpl.DNSNames, h)
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	path := o.certOut
	if path == "" {
		dir := os.TempDir()
		if o.dataFile != "" {
			dir = filepath.Dir(o.dataFile)
		}
		path = filepath.Join(dir, "smlocal-cert.pem")
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, certPEM, 0o644); err != nil {
		return tls.Certificate{}, "", fmt.Errorf("writing the certificate: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return tls.Certificate{}, "", fmt.Errorf("writing the certificate: %w", err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, path, nil
}
