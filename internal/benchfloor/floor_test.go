package benchfloor

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	gojson "github.com/goccy/go-json"
)

// The floor: plain structs with the fields of the SDK's models, dates as strings, the concrete type
// of each polymorphic property, and no custom unmarshalers, decoded by goccy/go-json.

type arbitrarySecret struct {
	CreatedAt        *string                `json:"created_at"`
	CreatedBy        *string                `json:"created_by"`
	Crn              *string                `json:"crn"`
	CustomMetadata   map[string]interface{} `json:"custom_metadata"`
	Description      *string                `json:"description"`
	Downloaded       *bool                  `json:"downloaded"`
	ExpirationDate   *string                `json:"expiration_date"`
	ID               *string                `json:"id"`
	Labels           []string               `json:"labels"`
	LocksTotal       *int64                 `json:"locks_total"`
	Name             *string                `json:"name"`
	Payload          *string                `json:"payload"`
	ReferencedBy     []string               `json:"referenced_by"`
	RetrievedAt      *string                `json:"retrieved_at"`
	SecretGroupID    *string                `json:"secret_group_id"`
	SecretType       *string                `json:"secret_type"`
	State            *int64                 `json:"state"`
	StateDescription *string                `json:"state_description"`
	UpdatedAt        *string                `json:"updated_at"`
	VersionsTotal    *int64                 `json:"versions_total"`
}

type privateCertificate struct {
	AltNames              []string               `json:"alt_names"`
	CaChain               []string               `json:"ca_chain"`
	Certificate           *string                `json:"certificate"`
	CertificateAuthority  *string                `json:"certificate_authority"`
	CertificateTemplate   *string                `json:"certificate_template"`
	CommonName            *string                `json:"common_name"`
	CreatedAt             *string                `json:"created_at"`
	CreatedBy             *string                `json:"created_by"`
	Crn                   *string                `json:"crn"`
	CustomMetadata        map[string]interface{} `json:"custom_metadata"`
	Description           *string                `json:"description"`
	Downloaded            *bool                  `json:"downloaded"`
	ExpirationDate        *string                `json:"expiration_date"`
	ID                    *string                `json:"id"`
	Issuer                *string                `json:"issuer"`
	IssuingCa             *string                `json:"issuing_ca"`
	KeyAlgorithm          *string                `json:"key_algorithm"`
	Labels                []string               `json:"labels"`
	LocksTotal            *int64                 `json:"locks_total"`
	Name                  *string                `json:"name"`
	NextRotationDate      *string                `json:"next_rotation_date"`
	PrivateKey            *string                `json:"private_key"`
	ReferencedBy          []string               `json:"referenced_by"`
	RetrievedAt           *string                `json:"retrieved_at"`
	RevocationTimeRfc3339 *string                `json:"revocation_time_rfc3339"`
	RevocationTimeSeconds *int64                 `json:"revocation_time_seconds"`
	Rotation              *rotationPolicy        `json:"rotation"`
	SecretGroupID         *string                `json:"secret_group_id"`
	SecretType            *string                `json:"secret_type"`
	SerialNumber          *string                `json:"serial_number"`
	SigningAlgorithm      *string                `json:"signing_algorithm"`
	State                 *int64                 `json:"state"`
	StateDescription      *string                `json:"state_description"`
	UpdatedAt             *string                `json:"updated_at"`
	Validity              *struct {
		NotAfter  *string `json:"not_after"`
		NotBefore *string `json:"not_before"`
	} `json:"validity"`
	VersionsTotal *int64 `json:"versions_total"`
}

type rotationPolicy struct {
	AutoRotate *bool   `json:"auto_rotate"`
	Interval   *int64  `json:"interval"`
	RotateKeys *bool   `json:"rotate_keys"`
	Unit       *string `json:"unit"`
}

const arbitraryBody = `{"created_by":"iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21","created_at":"2022-04-12T23:20:50.520Z","crn":"crn:v1:bluemix:public:secrets-manager:us-south:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce:secret:b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5","downloaded":true,"id":"b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5","labels":["dev","us-south"],"locks_total":0,"name":"my-secret","secret_group_id":"default","secret_type":"arbitrary","state":1,"state_description":"active","updated_at":"2022-04-12T23:20:50.520Z","versions_total":1,"payload":"secret-data"}`

// cases are the GetSecret answers of the SDK's own benchmarks: a small arbitrary secret and the
// private certificate of the API reference.
func cases(b *testing.B) []struct {
	name  string
	body  []byte
	floor func() interface{}
} {
	cert, err := os.ReadFile("../../secretsmanagerv2/testdata/responses/07_CreateSecret_private_cert.json")
	if err != nil {
		b.Fatal(err)
	}
	return []struct {
		name  string
		body  []byte
		floor func() interface{}
	}{
		{"arbitrary", []byte(arbitraryBody), func() interface{} { return new(arbitrarySecret) }},
		{"private_cert", cert, func() interface{} { return new(privateCertificate) }},
	}
}

// memoryTransport answers every request with body, without a network.
type memoryTransport []byte

func (t memoryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(t)), ContentLength: int64(len(t)), Request: req}, nil
}

// get is the floor's GET: the body read whole and decoded into v by goccy/go-json.
func get(client *http.Client, url string, v interface{}) error {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return gojson.Unmarshal(data, v)
}

// BenchmarkGetSecretFloor runs GetSecret and the floor alternately, one call each per iteration
// (in turns first), over loopback and over an in-memory transport (the HTTP work of both without
// a network), and reports their times and their ratio sdk/floor.
func BenchmarkGetSecretFloor(b *testing.B) {
	for _, c := range cases(b) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(c.body)
		}))
		b.Cleanup(srv.Close)
		for _, tr := range []struct {
			name   string
			client func() *http.Client
		}{
			{"loopback", func() *http.Client { return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128}} }},
			{"memory", func() *http.Client { return &http.Client{Transport: memoryTransport(c.body)} }},
		} {
			b.Run("type="+c.name+"/transport="+tr.name, func(b *testing.B) {
				client := tr.client()
				service, err := sm.NewSecretsManagerV2(&sm.SecretsManagerV2Options{URL: srv.URL, Authenticator: &core.NoAuthAuthenticator{}})
				if err != nil {
					b.Fatal(err)
				}
				service.Service.SetHTTPClient(tr.client())
				opts := service.NewGetSecretOptions("b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5")
				url := srv.URL + "/api/v2/secrets/b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5"
				paired(b, func() error { return get(client, url, c.floor()) }, func() error {
					_, _, err := service.GetSecret(opts)
					return err
				})
			})
		}
	}
}

// paired runs floor and sdk alternately, timing each call, so that both see the same load.
func paired(b *testing.B, floor, sdk func() error) {
	var floorTime, sdkTime time.Duration
	run := func(f func() error, total *time.Duration) {
		start := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		*total += time.Since(start)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			run(floor, &floorTime)
			run(sdk, &sdkTime)
		} else {
			run(sdk, &sdkTime)
			run(floor, &floorTime)
		}
		i++
	}
	b.ReportMetric(float64(floorTime.Nanoseconds())/float64(i), "floor-ns/op")
	b.ReportMetric(float64(sdkTime.Nanoseconds())/float64(i), "sdk-ns/op")
	b.ReportMetric(float64(sdkTime)/float64(floorTime), "sdk/floor")
}
