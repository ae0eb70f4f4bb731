package main

// The helpers of the tests that run smlocal as a separate process: the
// binary is built once per test run with go build, each process listens on
// a free loopback port, and its log is read to know when it is ready.

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// smlocalBinary builds the command once; process tests skip under -short.
func smlocalBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("process tests are skipped under -short")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "smlocal-test-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "smlocal")
		gobin := filepath.Join(os.Getenv("GOROOT"), "bin", "go")
		if _, err := os.Stat(gobin); err != nil {
			gobin = "go"
		}
		args := []string{"build", "-o", binPath}
		if os.Getenv("SMLOCAL_TEST_RACE") != "" {
			args = append(args, "-race") // the server's concurrency under the race detector
		}
		out, err := exec.Command(gobin, append(args, ".")...).CombinedOutput()
		if err != nil {
			buildErr = &buildError{err, string(out)}
		}
	})
	require.NoError(t, buildErr)
	return binPath
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return "go build: " + e.err.Error() + "\n" + e.out }

// proc is one running smlocal.
type proc struct {
	t       *testing.T
	cmd     *exec.Cmd
	base    string // https://127.0.0.1:port or http://...
	client  *http.Client
	pool    *x509.CertPool
	startup time.Duration

	mu   sync.Mutex
	logs bytes.Buffer
	done chan struct{} // closed when the process has exited
	err  error         // of Wait
}

var (
	readyLine = regexp.MustCompile(`ready in [^:]+: (\S+)`)
	certLine  = regexp.MustCompile(`SSL_CERT_FILE=(\S+)`)
)

// freeAddr returns a loopback address with a free port.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

// start runs smlocal with args (plus -listen on a free port and a
// certificate file in a temporary directory) and waits until it is ready.
// The process is killed at the end of the test if still running.
func start(t *testing.T, args ...string) *proc {
	t.Helper()
	p, err := tryStart(t, args...)
	require.NoError(t, err, "smlocal did not start")
	return p
}

// tryStart is start that returns the error (with the log) of a process
// that exits instead of becoming ready.
func tryStart(t *testing.T, args ...string) (*proc, error) {
	t.Helper()
	bin := smlocalBinary(t)
	dir := t.TempDir()
	certOut := filepath.Join(dir, "cert.pem")
	args = append([]string{"-listen", freeAddr(t), "-cert-out", certOut}, args...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "SMLOCAL_LOG_REQUESTS=false")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	p := &proc{t: t, cmd: cmd, done: make(chan struct{})}
	began := time.Now()
	require.NoError(t, cmd.Start())
	ready := make(chan string, 1)
	hint := make(chan struct{}, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			p.mu.Lock()
			p.logs.WriteString(line + "\n")
			p.mu.Unlock()
			select {
			case hint <- struct{}{}:
			default:
			}
			if m := readyLine.FindStringSubmatch(line); m != nil {
				select {
				case ready <- m[1]:
				default:
				}
			}
		}
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.kill()
		if strings.Contains(p.Logs(), "DATA RACE") {
			t.Errorf("the race detector reported a race in smlocal:\n%s", p.Logs())
		}
	})
	select {
	case p.base = <-ready:
	case <-p.done:
		return nil, &exitError{p.err, p.Logs()}
	}
	p.startup = time.Since(began)
	p.client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128}}
	if strings.HasPrefix(p.base, "https://") {
		// The certificate the start-up hint names: the one made (certOut) or the one given.
		for !strings.Contains(p.Logs(), "SSL_CERT_FILE=") {
			select {
			case <-p.done:
				return nil, &exitError{p.err, p.Logs()}
			case <-hint:
			}
		}
		m := certLine.FindStringSubmatch(p.Logs())
		require.NotNil(t, m)
		pem, err := os.ReadFile(m[1])
		require.NoError(t, err)
		p.pool = x509.NewCertPool()
		require.True(t, p.pool.AppendCertsFromPEM(pem))
		p.client.Transport = &http.Transport{MaxIdleConnsPerHost: 128, TLSClientConfig: &tls.Config{RootCAs: p.pool}}
	}
	return p, nil
}

type exitError struct {
	err  error
	logs string
}

func (e *exitError) Error() string { return "smlocal exited: " + e.err.Error() + "\n" + e.logs }

// Logs returns what the process logged so far.
func (p *proc) Logs() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.logs.String()
}

// kill sends SIGKILL and waits for the exit.
func (p *proc) kill() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Kill()
	<-p.done
}

// terminate sends SIGTERM and waits for the exit; it returns the exit code.
func (p *proc) terminate() int {
	require.NoError(p.t, p.cmd.Process.Signal(syscall.SIGTERM))
	<-p.done
	return p.cmd.ProcessState.ExitCode()
}

// request sends a request with an optional bearer token and JSON body and
// returns the status and the raw body; err is a transport error.
func (p *proc) request(method, path, token string, body any) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, p.base+path, rd)
	if err != nil {
		return 0, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// must sends a request and requires status; it returns the decoded body.
func (p *proc) must(status int, method, path, token string, body any) map[string]any {
	p.t.Helper()
	st, b, err := p.request(method, path, token, body)
	require.NoError(p.t, err)
	require.Equal(p.t, status, st, "%s %s: %s", method, path, b)
	var out map[string]any
	if len(b) > 0 {
		require.NoError(p.t, json.Unmarshal(b, &out), "%s", b)
	}
	return out
}
