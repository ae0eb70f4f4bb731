// Package benchfloor holds benchmarks only: GetSecret of the SDK beside the floor of the fastest
// well-kept Go JSON library, github.com/goccy/go-json, decoding into plain structs. It is a module
// of its own, so that no user of the SDK ever downloads that library.
//
// The benchmarks run the floor and the SDK alternately, so that both see the same machine load.
// Measured on a 2-core machine: over loopback the SDK takes 1.08x (arbitrary) and 1.07x
// (private_cert) of the floor's time; over an in-memory transport, where only the client's own
// work is left, 1.46x and 1.26x. Run them in this directory:
//
//	go test -run '^$' -bench . ./...
package benchfloor
