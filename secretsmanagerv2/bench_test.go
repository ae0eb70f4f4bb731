package secretsmanagerv2

// Benchmarks of the SDK against a floor: plain net/http and encoding/json doing the same work on
// the same bytes, in the same run. Compare the pairs with benchstat or by eye:
//
//	go test ./secretsmanagerv2/ -run '^$' -bench . -benchmem -count 6
//
// BenchmarkDecodeSecretsPage: a page of 1000 secrets of all 8 types (target: sdk <= 1.5 x floor).
// BenchmarkGetSecret: one small GetSecret over loopback (target: sdk <= 1.3 x floor).
// BenchmarkGetSecretParallel64: 64 goroutines sharing one client (target: sdk >= 0.9 x floor req/s).

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"
)

// mixedSecretsPage builds a page of n secrets cycling through the metadata examples of all 8 types.
func mixedSecretsPage(t testing.TB, n int) []byte {
	files, err := filepath.Glob("testdata/responses/*_GetSecretMetadata_*_metadata.json")
	require.NoError(t, err)
	var items []map[string]interface{}
	seen := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		var item map[string]interface{}
		require.NoError(t, json.Unmarshal(data, &item))
		if st := item["secret_type"].(string); !seen[st] {
			seen[st] = true
			items = append(items, item)
		}
	}
	require.Len(t, items, 8, "one example of each secret type")
	page := map[string]interface{}{
		"first":       map[string]string{"href": "https://example.com/api/v2/secrets?limit=1000"},
		"next":        map[string]string{"href": "https://example.com/api/v2/secrets?offset=1000&limit=1000"},
		"last":        map[string]string{"href": "https://example.com/api/v2/secrets?offset=4000&limit=1000"},
		"limit":       n,
		"offset":      0,
		"total_count": 5 * n,
	}
	secrets := make([]interface{}, n)
	for i := range secrets {
		item := map[string]interface{}{}
		for k, v := range items[i%len(items)] {
			item[k] = v
		}
		item["id"] = fmt.Sprintf("0000%04d-b6a9-43d6-a59a-834f3003af7b", i)
		secrets[i] = item
	}
	page["secrets"] = secrets
	data, err := json.Marshal(page)
	require.NoError(t, err)
	return data
}

// floorSecretMetadata is what plain encoding/json can decode a mixed page into in one pass: the
// union of every secret type's properties (SecretMetadata's fields), with the rotation policy as
// a concrete struct instead of an interface.
type floorSecretMetadata struct {
	floorSecretMetadataBase
	Rotation *RotationPolicy `json:"rotation,omitempty"`
}

type floorSecretMetadataBase SecretMetadata

type floorSecretsPage struct {
	First      *PaginatedCollectionFirst    `json:"first"`
	Next       *PaginatedCollectionNext     `json:"next,omitempty"`
	Previous   *PaginatedCollectionPrevious `json:"previous,omitempty"`
	Last       *PaginatedCollectionLast     `json:"last"`
	Limit      *int64                       `json:"limit"`
	Offset     *int64                       `json:"offset"`
	TotalCount *int64                       `json:"total_count"`
	Secrets    []floorSecretMetadata        `json:"secrets"`
}

func BenchmarkDecodeSecretsPage(b *testing.B) {
	data := mixedSecretsPage(b, 1000)
	b.Run("floor", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var page floorSecretsPage
			if err := json.Unmarshal(data, &page); err != nil {
				b.Fatal(err)
			}
			if len(page.Secrets) != 1000 {
				b.Fatal("wrong page")
			}
		}
	})
	b.Run("sdk", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			page, err := decodeModel[SecretMetadataPaginatedCollection](data)
			if err != nil {
				b.Fatal(err)
			}
			if len(page.Secrets) != 1000 {
				b.Fatal("wrong page")
			}
		}
	})
}

// TestMixedPageDecodes checks what the decoding benchmark measures: every item of the mixed page
// decodes into its concrete type.
func TestMixedPageDecodes(t *testing.T) {
	page, err := decodeModel[SecretMetadataPaginatedCollection](mixedSecretsPage(t, 16))
	require.NoError(t, err)
	require.Len(t, page.Secrets, 16)
	types := map[string]bool{}
	for _, s := range page.Secrets {
		types[fmt.Sprintf("%T", s)] = true
		require.NotEmpty(t, s.Common().ID)
	}
	require.Len(t, types, 8)
	require.NotContains(t, types, "*secretsmanagerv2.SecretMetadata")
}

const smallSecret = `{"created_by":"iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21","created_at":"2022-04-12T23:20:50.520Z","crn":"crn:v1:bluemix:public:secrets-manager:us-south:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce:secret:b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5","downloaded":true,"id":"b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5","labels":["dev","us-south"],"locks_total":0,"name":"my-secret","secret_group_id":"default","secret_type":"arbitrary","state":1,"state_description":"active","updated_at":"2022-04-12T23:20:50.520Z","versions_total":1,"payload":"secret-data"}`

func benchServer(b *testing.B) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, smallSecret)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// floorClient is the plain client: net/http with the same connection pool size as the SDK's, and
// encoding/json, with no authenticator, headers or retries.
func floorClient() *http.Client {
	return &http.Client{Transport: &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        256,
		MaxIdleConnsPerHost: 128,
		IdleConnTimeout:     90 * time.Second,
	}}
}

func floorGetSecret(client *http.Client, url string) error {
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
	var s ArbitrarySecret
	return json.Unmarshal(data, &s)
}

func benchSDK(b *testing.B, url string) *SecretsManagerV2 {
	sm, err := NewSecretsManagerV2(&SecretsManagerV2Options{URL: url, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(b, err)
	return sm
}

func BenchmarkGetSecret(b *testing.B) {
	srv := benchServer(b)
	b.Run("floor", func(b *testing.B) {
		client := floorClient()
		url := srv.URL + "/api/v2/secrets/b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5"
		b.ReportAllocs()
		for b.Loop() {
			if err := floorGetSecret(client, url); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sdk", func(b *testing.B) {
		sm := benchSDK(b, srv.URL)
		opts := sm.NewGetSecretOptions("b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5")
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := sm.GetSecret(opts); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkGetSecretParallel64(b *testing.B) {
	srv := benchServer(b)
	// RunParallel starts parallelism x GOMAXPROCS goroutines: make that 64.
	parallelism := (64 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0)
	b.Run("floor", func(b *testing.B) {
		client := floorClient()
		url := srv.URL + "/api/v2/secrets/b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5"
		b.SetParallelism(parallelism)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := floorGetSecret(client, url); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	b.Run("sdk", func(b *testing.B) {
		sm := benchSDK(b, srv.URL)
		b.SetParallelism(parallelism)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			opts := sm.NewGetSecretOptions("b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5")
			for pb.Next() {
				if _, _, err := sm.GetSecret(opts); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
