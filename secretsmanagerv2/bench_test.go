package secretsmanagerv2

// Benchmarks of the SDK against a floor, in the same run: what a user would write by hand with
// plain net/http and encoding/json into plain structs with the same fields (the floor types at the end of this file: dates
// as strings, no custom unmarshalers), doing the same work on the same bytes. Each benchmark has a
// "floor" and an "sdk" sub-benchmark; compare them with benchstat:
//
//	go test ./secretsmanagerv2/ -run '^$' -bench . -benchmem -count 6 | tee bench.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col /impl bench.txt
//
// BenchmarkDecodeSecretsPage     a page of 1000 secrets of all 8 types, from bytes (target <= 1.0x);
//                                "floor-sdk-types" is encoding/json into the SDK's own structs.
// BenchmarkUnmarshalSecretsPage  the same page through the exported UnmarshalX function, from a map
//                                of raw messages, as callers of the official SDK do (<= 1.2x).
// BenchmarkListSecrets           ListSecrets of that page over loopback (<= 1.0x, allocations <= 1.2x).
// BenchmarkSecretsPager          every item of 10,000 secrets in pages of 200 (<= 1.0x).
// BenchmarkGetSecret             one GetSecret over loopback, arbitrary and private_cert (<= 1.0x).
// BenchmarkGetSecretParallel64   64 goroutines sharing one client (>= 0.95x the floor's requests/s).
//
// The machine is shared, so BenchmarkPaired runs floor and SDK alternately in one loop (64
// goroutines: in alternate 50 ms phases), both under the same load, and reports their ratio. To
// reproduce the table below (six runs of one test binary):
//
//	go test -c -o /tmp/sm.test ./secretsmanagerv2/ && cd secretsmanagerv2 &&
//	  for i in 1 2 3 4 5 6; do /tmp/sm.test -test.run '^$' -test.bench . -test.benchmem; done | tee /tmp/bench.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -filter '.name:Paired' /tmp/bench.txt   # the paired ratios
//	go run golang.org/x/perf/cmd/benchstat@latest -col /impl /tmp/bench.txt               # the separate benchmarks
//
// Ratios SDK / floor (requests per second: SDK / floor), medians of six runs with their range, on a
// 2-core machine; allocations are exact. "before" is the SDK before the generated decoders,
// measured the same way in the same session. The page is 1000 secrets of all 8 types, 1.4 MB.
//
//	work                                                     before  now                allocations now
//	decode the page from bytes                               1.50x   0.27x (0.23-0.29)  0.22x (bytes 0.57x)
//	UnmarshalSecretMetadataPaginatedCollection from a map
//	  of raw messages (the caller's json.Unmarshal included)  2.76x   1.04x (0.86-1.11)  0.22x (bytes 0.93x)
//	ListSecrets of the page over loopback                    1.45x   0.43x (0.41-0.49)  0.22x (bytes 0.75x)
//	pager GetAll over 10,000 secrets in pages of 200         1.00x   0.31x (0.27-0.35)  0.23x (bytes 0.58x); heap kept 0.88x
//	GetSecret: arbitrary                                     1.11x   1.00x (0.97-1.03)  0.84x
//	GetSecret: private_cert                                  1.16x   0.84x (0.82-0.88)  0.63x
//	64 goroutines sharing one client: requests per second    0.88x   1.00x (0.99-1.04)  0.85x
//
// Decoding a small secret takes a quarter of encoding/json's time; what is left of GetSecret is
// the HTTP work the SDK adds to the floor's: its headers and its default request timeout. The
// earlier floor, encoding/json into the SDK's own structs ("floor-sdk-types"), is 1.3x to 1.5x the
// plain floor.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/IBM/go-sdk-core/v5/core"
	"github.com/stretchr/testify/require"
)

// metadataExamples returns the metadata example of each of the 8 secret types, decoded generically.
func metadataExamples(t testing.TB) []map[string]interface{} {
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
	return items
}

// mixedSecrets returns the items from..to-1 of a list of secrets cycling through the metadata
// examples of all 8 types, each with its own ID.
func mixedSecrets(examples []map[string]interface{}, from, to int) []interface{} {
	secrets := make([]interface{}, 0, to-from)
	for i := from; i < to; i++ {
		item := map[string]interface{}{}
		for k, v := range examples[i%len(examples)] {
			item[k] = v
		}
		item["id"] = fmt.Sprintf("%08d-b6a9-43d6-a59a-834f3003af7b", i)
		secrets = append(secrets, item)
	}
	return secrets
}

// secretsPage encodes the page of total mixed secrets at offset, with links under base.
func secretsPage(t testing.TB, examples []map[string]interface{}, base string, offset, limit, total int) []byte {
	link := func(o int) map[string]string {
		return map[string]string{"href": fmt.Sprintf("%s/api/v2/secrets?offset=%d&limit=%d", base, o, limit)}
	}
	page := map[string]interface{}{
		"first":       link(0),
		"last":        link((total - 1) / limit * limit),
		"limit":       limit,
		"offset":      offset,
		"total_count": total,
		"secrets":     mixedSecrets(examples, offset, min(offset+limit, total)),
	}
	if offset+limit < total {
		page["next"] = link(offset + limit)
	}
	if offset > 0 {
		page["previous"] = link(max(0, offset-limit))
	}
	data, err := json.Marshal(page)
	require.NoError(t, err)
	return data
}

// mixedSecretsPage builds the first page of n secrets of a list of 5n (about 1.4 MB for n = 1000).
func mixedSecretsPage(t testing.TB, n int) []byte {
	return secretsPage(t, metadataExamples(t), "https://example.com", 0, n, 5*n)
}

// sdkTypesSecretsPage is what the benchmarks used as their floor before: encoding/json into the
// SDK's own structs (strfmt dates, the rotation policy as the base struct), which carry most of the
// costs the SDK's decoding carries.
type sdkTypesSecretsPage struct {
	First      *PaginatedCollectionFirst    `json:"first"`
	Next       *PaginatedCollectionNext     `json:"next,omitempty"`
	Previous   *PaginatedCollectionPrevious `json:"previous,omitempty"`
	Last       *PaginatedCollectionLast     `json:"last"`
	Limit      *int64                       `json:"limit"`
	Offset     *int64                       `json:"offset"`
	TotalCount *int64                       `json:"total_count"`
	Secrets    []sdkTypesSecretMetadata     `json:"secrets"`
}

type sdkTypesSecretMetadata struct {
	sdkTypesSecretMetadataBase
	Rotation *RotationPolicy `json:"rotation,omitempty"`
}

type sdkTypesSecretMetadataBase SecretMetadata

func BenchmarkDecodeSecretsPage(b *testing.B) {
	data := mixedSecretsPage(b, 1000)
	b.Run("impl=floor", func(b *testing.B) {
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
	b.Run("impl=floor-sdk-types", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var page sdkTypesSecretsPage
			if err := json.Unmarshal(data, &page); err != nil {
				b.Fatal(err)
			}
			if len(page.Secrets) != 1000 {
				b.Fatal("wrong page")
			}
		}
	})
	b.Run("impl=sdk", func(b *testing.B) {
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

// BenchmarkUnmarshalSecretsPage decodes the page as callers of the official SDK do: into a map of
// raw messages, then through the exported UnmarshalSecretMetadataPaginatedCollection.
func BenchmarkUnmarshalSecretsPage(b *testing.B) {
	data := mixedSecretsPage(b, 1000)
	b.Run("impl=floor", func(b *testing.B) {
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
	b.Run("impl=sdk", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var raw map[string]json.RawMessage
			if err := json.Unmarshal(data, &raw); err != nil {
				b.Fatal(err)
			}
			var page *SecretMetadataPaginatedCollection
			if err := UnmarshalSecretMetadataPaginatedCollection(raw, &page); err != nil {
				b.Fatal(err)
			}
			if len(page.Secrets) != 1000 {
				b.Fatal("wrong page")
			}
		}
	})
}

// TestMixedPageDecodes checks what the decoding benchmarks measure: every item of the mixed page
// decodes into its concrete type, and the floor reads every item too.
func TestMixedPageDecodes(t *testing.T) {
	data := mixedSecretsPage(t, 16)
	page, err := decodeModel[SecretMetadataPaginatedCollection](data)
	require.NoError(t, err)
	require.Len(t, page.Secrets, 16)
	types := map[string]bool{}
	for _, s := range page.Secrets {
		types[fmt.Sprintf("%T", s)] = true
		require.NotEmpty(t, s.Common().ID)
	}
	require.Len(t, types, 8)
	require.NotContains(t, types, "*secretsmanagerv2.SecretMetadata")

	var floor floorSecretsPage
	require.NoError(t, json.Unmarshal(data, &floor))
	require.Len(t, floor.Secrets, 16)
	require.Equal(t, page.Secrets[3].Common().ID, *floor.Secrets[3].ID)
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

// floorGet is the plain GET: the body read whole and decoded into v.
func floorGet(client *http.Client, url string, v interface{}) error {
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
	return json.Unmarshal(data, v)
}

func benchSDK(b *testing.B, url string) *SecretsManagerV2 {
	sm, err := NewSecretsManagerV2(&SecretsManagerV2Options{URL: url, Authenticator: &core.NoAuthAuthenticator{}})
	require.NoError(b, err)
	return sm
}

// bodyServer answers every request with body (a FakeServer that keeps no requests).
func bodyServer(b *testing.B, body []byte) *FakeServer {
	return NewFake(b, Answers(FakeAnswer{RawBody: body})).WithoutRecording()
}

func BenchmarkListSecrets(b *testing.B) {
	data := mixedSecretsPage(b, 1000)
	srv := bodyServer(b, data)
	b.Run("impl=floor", func(b *testing.B) {
		client := floorClient()
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var page floorSecretsPage
			if err := floorGet(client, srv.URL+"/api/v2/secrets?limit=1000", &page); err != nil {
				b.Fatal(err)
			}
			if len(page.Secrets) != 1000 {
				b.Fatal("wrong page")
			}
		}
	})
	b.Run("impl=sdk", func(b *testing.B) {
		sm := benchSDK(b, srv.URL)
		opts := &ListSecretsOptions{Limit: core.Int64Ptr(1000)}
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			page, _, err := sm.ListSecrets(opts)
			if err != nil {
				b.Fatal(err)
			}
			if len(page.Secrets) != 1000 {
				b.Fatal("wrong page")
			}
		}
	})
}

// pagesServer serves the list of total mixed secrets in pages of limit, each encoded once.
func pagesServer(b *testing.B, total, limit int) *FakeServer {
	examples := metadataExamples(b)
	pages := map[string][]byte{}
	srv := NewFake(b, func(r FakeRequest) FakeAnswer {
		query, _ := url.ParseQuery(r.RawQuery)
		page, ok := pages[query.Get("offset")]
		if !ok {
			return FakeAnswer{Status: http.StatusNotFound, Header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, Body: "404 page not found\n"}
		}
		return FakeAnswer{RawBody: page}
	}).WithoutRecording()
	for offset := 0; offset < total; offset += limit {
		pages[strconv.Itoa(offset)] = secretsPage(b, examples, srv.URL, offset, limit, total)
	}
	pages[""] = pages["0"]
	return srv
}

// liveBytes reports the heap in use after a collection while v is kept alive, less base.
func liveBytes(v interface{}, base uint64) float64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	runtime.KeepAlive(v)
	return float64(ms.HeapAlloc) - float64(base)
}

func heapBase() uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// floorGetAll is the plain pager: it follows the next links, page after page, keeping every item.
func floorGetAll(client *http.Client, base string, limit int) ([]floorSecretMetadata, error) {
	var all []floorSecretMetadata
	next := fmt.Sprintf("%s/api/v2/secrets?limit=%d", base, limit)
	for next != "" {
		var page floorSecretsPage
		if err := floorGet(client, next, &page); err != nil {
			return nil, err
		}
		all = append(all, page.Secrets...)
		next = ""
		if page.Next != nil && page.Next.Href != nil {
			u, err := url.Parse(*page.Next.Href)
			if err != nil {
				return nil, err
			}
			next = fmt.Sprintf("%s/api/v2/secrets?offset=%s&limit=%d", base, u.Query().Get("offset"), limit)
		}
	}
	return all, nil
}

func BenchmarkSecretsPager(b *testing.B) {
	const total, limit = 10000, 200
	srv := pagesServer(b, total, limit)
	b.Run("impl=floor", func(b *testing.B) {
		client := floorClient()
		base := heapBase()
		var all []floorSecretMetadata
		b.ReportAllocs()
		for b.Loop() {
			var err error
			if all, err = floorGetAll(client, srv.URL, limit); err != nil {
				b.Fatal(err)
			}
			if len(all) != total {
				b.Fatal("wrong count")
			}
		}
		b.ReportMetric(liveBytes(all, base), "live-B")
	})
	b.Run("impl=sdk", func(b *testing.B) {
		sm := benchSDK(b, srv.URL)
		base := heapBase()
		var all []SecretMetadataIntf
		b.ReportAllocs()
		for b.Loop() {
			pager, err := sm.NewSecretsPager(&ListSecretsOptions{Limit: core.Int64Ptr(limit)})
			if err != nil {
				b.Fatal(err)
			}
			if all, err = pager.GetAll(); err != nil {
				b.Fatal(err)
			}
			if len(all) != total {
				b.Fatal("wrong count")
			}
		}
		b.ReportMetric(liveBytes(all, base), "live-B")
	})
}

const smallSecret = `{"created_by":"iam-ServiceId-e4a2f0a4-3c76-4bef-b1f2-fbeae11c0f21","created_at":"2022-04-12T23:20:50.520Z","crn":"crn:v1:bluemix:public:secrets-manager:us-south:a/a5ebf2570dcaedf18d7ed78e216c263a:f1bc94a6-64aa-4c55-b00f-f6cd70e4b2ce:secret:b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5","downloaded":true,"id":"b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5","labels":["dev","us-south"],"locks_total":0,"name":"my-secret","secret_group_id":"default","secret_type":"arbitrary","state":1,"state_description":"active","updated_at":"2022-04-12T23:20:50.520Z","versions_total":1,"payload":"secret-data"}`

// getSecretCases are the GetSecret answers benchmarked: a small arbitrary secret and the private
// certificate of the API reference (with its certificate, chain and private key).
func getSecretCases(b *testing.B) []struct {
	name  string
	body  []byte
	floor func() interface{}
} {
	privateCert, err := os.ReadFile("testdata/responses/07_CreateSecret_private_cert.json")
	require.NoError(b, err)
	return []struct {
		name  string
		body  []byte
		floor func() interface{}
	}{
		{"arbitrary", []byte(smallSecret), func() interface{} { return new(floorArbitrarySecret) }},
		{"private_cert", privateCert, func() interface{} { return new(floorPrivateCertificate) }},
	}
}

func BenchmarkGetSecret(b *testing.B) {
	for _, c := range getSecretCases(b) {
		srv := bodyServer(b, c.body)
		b.Run("type="+c.name+"/impl=floor", func(b *testing.B) {
			client := floorClient()
			url := srv.URL + "/api/v2/secrets/b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5"
			b.ReportAllocs()
			for b.Loop() {
				if err := floorGet(client, url, c.floor()); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("type="+c.name+"/impl=sdk", func(b *testing.B) {
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
}

func BenchmarkGetSecretParallel64(b *testing.B) {
	srv := bodyServer(b, []byte(smallSecret))
	// RunParallel starts parallelism x GOMAXPROCS goroutines: make that 64.
	parallelism := (64 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0)
	b.Run("impl=floor", func(b *testing.B) {
		client := floorClient()
		url := srv.URL + "/api/v2/secrets/b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5"
		b.SetParallelism(parallelism)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				var s floorArbitrarySecret
				if err := floorGet(client, url, &s); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	b.Run("impl=sdk", func(b *testing.B) {
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

// paired runs floor and sdk alternately, one call each per iteration (in turns first), timing each
// call: on a shared machine whose load changes from second to second, both see the same load, so
// their ratio (reported as sdk/floor) is steadier than the ratio of two separate benchmarks.
func paired(b *testing.B, floor, sdk func() error) {
	var floorTime, sdkTime time.Duration
	run := func(f func() error, total *time.Duration) {
		start := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		*total += time.Since(start)
	}
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

// BenchmarkPaired measures the rows of the other benchmarks in pairs (see paired); 64 goroutines
// sharing a client run in alternate phases instead (see phase64), reported as requests per second.
func BenchmarkPaired(b *testing.B) {
	page := mixedSecretsPage(b, 1000)
	b.Run("work=decode-page", func(b *testing.B) {
		paired(b, func() error {
			var p floorSecretsPage
			return json.Unmarshal(page, &p)
		}, func() error {
			_, err := decodeModel[SecretMetadataPaginatedCollection](page)
			return err
		})
	})
	b.Run("work=unmarshal-page", func(b *testing.B) {
		paired(b, func() error {
			var p floorSecretsPage
			return json.Unmarshal(page, &p)
		}, func() error {
			var raw map[string]json.RawMessage
			if err := json.Unmarshal(page, &raw); err != nil {
				return err
			}
			var p *SecretMetadataPaginatedCollection
			return UnmarshalSecretMetadataPaginatedCollection(raw, &p)
		})
	})
	b.Run("work=list-secrets", func(b *testing.B) {
		srv := bodyServer(b, page)
		client, sm := floorClient(), benchSDK(b, srv.URL)
		opts := &ListSecretsOptions{Limit: core.Int64Ptr(1000)}
		paired(b, func() error {
			var p floorSecretsPage
			return floorGet(client, srv.URL+"/api/v2/secrets?limit=1000", &p)
		}, func() error {
			_, _, err := sm.ListSecrets(opts)
			return err
		})
	})
	b.Run("work=pager", func(b *testing.B) {
		const total, limit = 10000, 200
		srv := pagesServer(b, total, limit)
		client, sm := floorClient(), benchSDK(b, srv.URL)
		paired(b, func() error {
			_, err := floorGetAll(client, srv.URL, limit)
			return err
		}, func() error {
			pager, err := sm.NewSecretsPager(&ListSecretsOptions{Limit: core.Int64Ptr(limit)})
			if err != nil {
				return err
			}
			_, err = pager.GetAll()
			return err
		})
	})
	for _, c := range getSecretCases(b) {
		b.Run("work=get-secret/type="+c.name, func(b *testing.B) {
			srv := bodyServer(b, c.body)
			client, sm := floorClient(), benchSDK(b, srv.URL)
			url := srv.URL + "/api/v2/secrets/b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5"
			opts := sm.NewGetSecretOptions("b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5")
			paired(b, func() error {
				return floorGet(client, url, c.floor())
			}, func() error {
				_, _, err := sm.GetSecret(opts)
				return err
			})
		})
	}
	b.Run("work=get-secret-parallel64", func(b *testing.B) {
		srv := bodyServer(b, []byte(smallSecret))
		client, sm := floorClient(), benchSDK(b, srv.URL)
		url := srv.URL + "/api/v2/secrets/b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5"
		opts := sm.NewGetSecretOptions("b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5")
		floor := func() error {
			var s floorArbitrarySecret
			return floorGet(client, url, &s)
		}
		sdk := func() error {
			_, _, err := sm.GetSecret(opts)
			return err
		}
		// Alternate phases of 50ms, 64 goroutines each: the ratio of the requests each side
		// completes is the ratio of their requests per second under the same load.
		var floorOps, sdkOps int64
		i := 0
		for b.Loop() {
			if i%2 == 0 {
				floorOps += phase64(b, floor)
				sdkOps += phase64(b, sdk)
			} else {
				sdkOps += phase64(b, sdk)
				floorOps += phase64(b, floor)
			}
			i++
		}
		b.ReportMetric(float64(floorOps)/(float64(i)*phaseLength.Seconds()), "floor-req/s")
		b.ReportMetric(float64(sdkOps)/(float64(i)*phaseLength.Seconds()), "sdk-req/s")
		b.ReportMetric(float64(sdkOps)/float64(floorOps), "sdk/floor-req/s")
	})
}

const phaseLength = 50 * time.Millisecond

// phase64 runs f in 64 goroutines for phaseLength and returns how many calls completed.
func phase64(b *testing.B, f func() error) int64 {
	var ops atomic.Int64
	deadline := time.Now().Add(phaseLength)
	var wg sync.WaitGroup
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				if err := f(); err != nil {
					b.Error(err)
					return
				}
				ops.Add(1)
			}
		}()
	}
	wg.Wait()
	return ops.Load()
}

// The floor of the benchmarks: the plain structs a user would write by hand to read the same
// responses with encoding/json alone. They have the same fields as the SDK's models, with dates as
// strings, the concrete type of each polymorphic property, and no custom unmarshalers: decoding into
// them costs only what encoding/json costs.

type floorArbitrarySecret struct {
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

type floorCertificateIssuanceInfo struct {
	AutoRotated                *bool                    `json:"auto_rotated"`
	Challenges                 []floorChallengeResource `json:"challenges"`
	DnsChallengeValidationTime *string                  `json:"dns_challenge_validation_time"`
	ErrorCode                  *string                  `json:"error_code"`
	ErrorMessage               *string                  `json:"error_message"`
	OrderedOn                  *string                  `json:"ordered_on"`
	State                      *int64                   `json:"state"`
	StateDescription           *string                  `json:"state_description"`
}

type floorCertificateValidity struct {
	NotAfter  *string `json:"not_after"`
	NotBefore *string `json:"not_before"`
}

type floorChallengeResource struct {
	Domain         *string `json:"domain"`
	Expiration     *string `json:"expiration"`
	Status         *string `json:"status"`
	TxtRecordName  *string `json:"txt_record_name"`
	TxtRecordValue *string `json:"txt_record_value"`
}

type floorPasswordGenerationPolicyRO struct {
	IncludeDigits    *bool  `json:"include_digits"`
	IncludeSymbols   *bool  `json:"include_symbols"`
	IncludeUppercase *bool  `json:"include_uppercase"`
	Length           *int64 `json:"length"`
}

type floorPrivateCertificate struct {
	AltNames              []string                  `json:"alt_names"`
	CaChain               []string                  `json:"ca_chain"`
	Certificate           *string                   `json:"certificate"`
	CertificateAuthority  *string                   `json:"certificate_authority"`
	CertificateTemplate   *string                   `json:"certificate_template"`
	CommonName            *string                   `json:"common_name"`
	CreatedAt             *string                   `json:"created_at"`
	CreatedBy             *string                   `json:"created_by"`
	Crn                   *string                   `json:"crn"`
	CustomMetadata        map[string]interface{}    `json:"custom_metadata"`
	Description           *string                   `json:"description"`
	Downloaded            *bool                     `json:"downloaded"`
	ExpirationDate        *string                   `json:"expiration_date"`
	ID                    *string                   `json:"id"`
	Issuer                *string                   `json:"issuer"`
	IssuingCa             *string                   `json:"issuing_ca"`
	KeyAlgorithm          *string                   `json:"key_algorithm"`
	Labels                []string                  `json:"labels"`
	LocksTotal            *int64                    `json:"locks_total"`
	Name                  *string                   `json:"name"`
	NextRotationDate      *string                   `json:"next_rotation_date"`
	PrivateKey            *string                   `json:"private_key"`
	ReferencedBy          []string                  `json:"referenced_by"`
	RetrievedAt           *string                   `json:"retrieved_at"`
	RevocationTimeRfc3339 *string                   `json:"revocation_time_rfc3339"`
	RevocationTimeSeconds *int64                    `json:"revocation_time_seconds"`
	Rotation              *floorRotationPolicy      `json:"rotation"`
	SecretGroupID         *string                   `json:"secret_group_id"`
	SecretType            *string                   `json:"secret_type"`
	SerialNumber          *string                   `json:"serial_number"`
	SigningAlgorithm      *string                   `json:"signing_algorithm"`
	State                 *int64                    `json:"state"`
	StateDescription      *string                   `json:"state_description"`
	UpdatedAt             *string                   `json:"updated_at"`
	Validity              *floorCertificateValidity `json:"validity"`
	VersionsTotal         *int64                    `json:"versions_total"`
}

type floorRotationPolicy struct {
	AutoRotate *bool   `json:"auto_rotate"`
	Interval   *int64  `json:"interval"`
	RotateKeys *bool   `json:"rotate_keys"`
	Unit       *string `json:"unit"`
}

type floorSecretMetadata struct {
	AccessGroups             []string                                      `json:"access_groups"`
	AccountID                *string                                       `json:"account_id"`
	AltNames                 []string                                      `json:"alt_names"`
	ApiKeyID                 *string                                       `json:"api_key_id"`
	BundleCerts              *bool                                         `json:"bundle_certs"`
	Ca                       *string                                       `json:"ca"`
	CertificateAuthority     *string                                       `json:"certificate_authority"`
	CertificateTemplate      *string                                       `json:"certificate_template"`
	CommonName               *string                                       `json:"common_name"`
	Configuration            *string                                       `json:"configuration"`
	CreatedAt                *string                                       `json:"created_at"`
	CreatedBy                *string                                       `json:"created_by"`
	Crn                      *string                                       `json:"crn"`
	CustomMetadata           map[string]interface{}                        `json:"custom_metadata"`
	Description              *string                                       `json:"description"`
	Dns                      *string                                       `json:"dns"`
	Downloaded               *bool                                         `json:"downloaded"`
	ExpirationDate           *string                                       `json:"expiration_date"`
	ID                       *string                                       `json:"id"`
	IntermediateIncluded     *bool                                         `json:"intermediate_included"`
	IssuanceInfo             *floorCertificateIssuanceInfo                 `json:"issuance_info"`
	Issuer                   *string                                       `json:"issuer"`
	KeyAlgorithm             *string                                       `json:"key_algorithm"`
	Labels                   []string                                      `json:"labels"`
	LastFailedTaskID         *string                                       `json:"last_failed_task_id"`
	LastRotationFailed       *bool                                         `json:"last_rotation_failed"`
	LocksTotal               *int64                                        `json:"locks_total"`
	ManagedCsr               *floorImportedCertificateManagedCsrResponse   `json:"managed_csr"`
	Name                     *string                                       `json:"name"`
	NextRotationDate         *string                                       `json:"next_rotation_date"`
	Parameters               map[string]interface{}                        `json:"parameters"`
	PasswordGenerationPolicy *floorPasswordGenerationPolicyRO              `json:"password_generation_policy"`
	PrivateKeyIncluded       *bool                                         `json:"private_key_included"`
	ProcessingTaskID         *string                                       `json:"processing_task_id"`
	QueuedTaskCount          *int64                                        `json:"queued_task_count"`
	ReferencedBy             []string                                      `json:"referenced_by"`
	RetrievedAt              *string                                       `json:"retrieved_at"`
	ReuseApiKey              *bool                                         `json:"reuse_api_key"`
	RevocationTimeRfc3339    *string                                       `json:"revocation_time_rfc3339"`
	RevocationTimeSeconds    *int64                                        `json:"revocation_time_seconds"`
	Rotation                 *floorRotationPolicy                          `json:"rotation"`
	SecretGroupID            *string                                       `json:"secret_group_id"`
	SecretType               *string                                       `json:"secret_type"`
	SerialNumber             *string                                       `json:"serial_number"`
	ServiceID                *string                                       `json:"service_id"`
	ServiceIdIsStatic        *bool                                         `json:"service_id_is_static"`
	SigningAlgorithm         *string                                       `json:"signing_algorithm"`
	SourceService            *floorServiceCredentialsSecretSourceServiceRO `json:"source_service"`
	State                    *int64                                        `json:"state"`
	StateDescription         *string                                       `json:"state_description"`
	TaskCount                *int64                                        `json:"task_count"`
	TTL                      *string                                       `json:"ttl"`
	UpdatedAt                *string                                       `json:"updated_at"`
	Validity                 *floorCertificateValidity                     `json:"validity"`
	VersionsTotal            *int64                                        `json:"versions_total"`
}

type floorServiceCredentialsResourceKey struct {
	Crn  *string `json:"crn"`
	Name *string `json:"name"`
}

type floorServiceCredentialsSecretSourceServiceRO struct {
	Iam         *floorServiceCredentialsSourceServiceIam        `json:"iam"`
	Instance    *floorServiceCredentialsSourceServiceInstance   `json:"instance"`
	Parameters  *floorServiceCredentialsSourceServiceParameters `json:"parameters"`
	ResourceKey *floorServiceCredentialsResourceKey             `json:"resource_key"`
	Role        *floorServiceCredentialsSourceServiceRole       `json:"role"`
}

type floorServiceCredentialsSourceServiceIam struct {
	Apikey      *floorServiceCredentialsSourceServiceIamApikey    `json:"apikey"`
	ResourceKey *floorServiceCredentialsResourceKey               `json:"resource_key"`
	Role        *floorServiceCredentialsSourceServiceIamRole      `json:"role"`
	Serviceid   *floorServiceCredentialsSourceServiceIamServiceid `json:"serviceid"`
}

type floorServiceCredentialsSourceServiceIamApikey struct {
	Description *string `json:"description"`
	ID          *string `json:"id"`
	Name        *string `json:"name"`
}

type floorServiceCredentialsSourceServiceIamRole struct {
	Crn *string `json:"crn"`
}

type floorServiceCredentialsSourceServiceIamServiceid struct {
	Crn *string `json:"crn"`
}

type floorServiceCredentialsSourceServiceInstance struct {
	Crn *string `json:"crn"`
}

type floorServiceCredentialsSourceServiceParameters struct {
	ServiceidCrn *string `json:"serviceid_crn"`
}

type floorServiceCredentialsSourceServiceRole struct {
	Crn *string `json:"crn"`
}

type floorImportedCertificateManagedCsrResponse struct {
	AltNames            *string  `json:"alt_names"`
	ClientFlag          *bool    `json:"client_flag"`
	CodeSigningFlag     *bool    `json:"code_signing_flag"`
	CommonName          *string  `json:"common_name"`
	Country             []string `json:"country"`
	Csr                 *string  `json:"csr"`
	EmailProtectionFlag *bool    `json:"email_protection_flag"`
	ExcludeCnFromSans   *bool    `json:"exclude_cn_from_sans"`
	ExtKeyUsage         *string  `json:"ext_key_usage"`
	ExtKeyUsageOids     *string  `json:"ext_key_usage_oids"`
	IpSans              *string  `json:"ip_sans"`
	KeyBits             *int64   `json:"key_bits"`
	KeyType             *string  `json:"key_type"`
	KeyUsage            *string  `json:"key_usage"`
	Locality            []string `json:"locality"`
	Organization        []string `json:"organization"`
	OtherSans           *string  `json:"other_sans"`
	Ou                  []string `json:"ou"`
	PolicyIdentifiers   *string  `json:"policy_identifiers"`
	PostalCode          []string `json:"postal_code"`
	PrivateKey          *string  `json:"private_key"`
	Province            []string `json:"province"`
	RequireCn           *bool    `json:"require_cn"`
	RotateKeys          *bool    `json:"rotate_keys"`
	ServerFlag          *bool    `json:"server_flag"`
	StreetAddress       []string `json:"street_address"`
	UriSans             *string  `json:"uri_sans"`
	UserIds             *string  `json:"user_ids"`
}

type floorHref struct {
	Href *string `json:"href"`
}

type floorSecretsPage struct {
	First      *floorHref            `json:"first"`
	Next       *floorHref            `json:"next"`
	Previous   *floorHref            `json:"previous"`
	Last       *floorHref            `json:"last"`
	Limit      *int64                `json:"limit"`
	Offset     *int64                `json:"offset"`
	TotalCount *int64                `json:"total_count"`
	Secrets    []floorSecretMetadata `json:"secrets"`
}
