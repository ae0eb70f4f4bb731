package secretsmanagerv2_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

// This file tests the tracing recipe of the package documentation and README:
//
//	client.Service.Client.Transport = otelhttp.NewTransport(client.Service.Client.Transport)
//
// OpenTelemetry is not a dependency of this module, so the test uses a tiny tracer that does what
// otelhttp's transport does: one client span per HTTP attempt, child of the span in the request's
// context, propagated in a traceparent header. What the test proves holds for any such wrapper:
// every attempt, retries included, goes through it with the caller's context, and the retry
// policy is unchanged.

// span is one finished or running span of fakeTracer.
type span struct {
	id, parent int
	name       string
	status     int
	err        error
}

// fakeTracer keeps its spans in memory.
type fakeTracer struct {
	mu    sync.Mutex
	spans []*span
}

type spanKey struct{}

func (tr *fakeTracer) start(ctx context.Context, name string) (context.Context, *span) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	s := &span{id: len(tr.spans) + 1, name: name}
	if p, ok := ctx.Value(spanKey{}).(*span); ok {
		s.parent = p.id
	}
	tr.spans = append(tr.spans, s)
	return context.WithValue(ctx, spanKey{}, s), s
}

func (tr *fakeTracer) children(parent int) []span {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var out []span
	for _, s := range tr.spans {
		if s.parent == parent {
			out = append(out, *s)
		}
	}
	return out
}

// tracingTransport is the stand-in for otelhttp.NewTransport.
type tracingTransport struct {
	base   http.RoundTripper
	tracer *fakeTracer
}

func (t *tracingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, s := t.tracer.start(req.Context(), "HTTP "+req.Method)
	req = req.Clone(ctx)
	req.Header.Set("Traceparent", fmt.Sprintf("00-%032x-%016x-01", 1, s.id))
	resp, err := t.base.RoundTrip(req)
	t.tracer.mu.Lock()
	if err != nil {
		s.err = err
	} else {
		s.status = resp.StatusCode
	}
	t.tracer.mu.Unlock()
	return resp, err
}

// statusAnswers is the script of the FakeServer under the tracing transport: it answers with
// statuses in turn, the last one repeated, each with an error body, or a secret for 200.
func statusAnswers(statuses ...int) sm.FakeScript {
	var answers []sm.FakeAnswer
	for _, status := range statuses {
		body := `{"errors":[{"code":"unavailable","message":"try again"}]}`
		if status == http.StatusOK {
			body = `{"secret_type":"arbitrary","id":"s-1","name":"n","payload":"p"}`
		}
		answers = append(answers, sm.FakeAnswer{Status: status, Body: body})
	}
	return sm.Answers(answers...)
}

func TestTracingTransportSeesEveryRetry(t *testing.T) {
	fake := sm.NewInProcessFake(t, statusAnswers(503, 502, 200))
	tracer := &fakeTracer{}
	client, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: "https://sm.invalid", Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(t, err)
	client.Service.Client.Transport = fake.Transport() // in a program: the transport the client was made with

	// The recipe: wrap the client's transport, then configure retries (in either order).
	client.Service.Client.Transport = &tracingTransport{base: client.Service.Client.Transport, tracer: tracer}
	client.EnableRetries(3, time.Millisecond)

	ctx, parent := tracer.start(context.Background(), "load configuration")
	s, _, err := client.GetSecretWithContext(ctx, client.NewGetSecretOptions("s-1"))
	require.NoError(t, err)
	require.Equal(t, "s-1", s.Common().ID)

	attempts := tracer.children(parent.id)
	require.Len(t, attempts, 3, "one span per attempt")
	for i, want := range []int{503, 502, 200} {
		require.Equal(t, "HTTP GET", attempts[i].name)
		require.Equal(t, want, attempts[i].status)
		require.Equal(t, fmt.Sprintf("00-%032x-%016x-01", 1, attempts[i].id), fake.Requests()[i].Header.Get("Traceparent"), "the span's context reaches the service")
	}

	// The retry policy is unchanged: a POST that reached the service is not repeated.
	fake.SetScript(statusAnswers(503, 200))
	ctx, parent = tracer.start(context.Background(), "create")
	_, _, err = client.CreateSecretWithContext(ctx, client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
		SecretType: sm.SecretTypeArbitrary.Ptr(), Name: core.StringPtr("n2"), Payload: core.StringPtr("p")}))
	require.ErrorContains(t, err, "secretsmanagerv2: create_secret: 503 Service Unavailable: try again")
	require.Len(t, tracer.children(parent.id), 1)
}
