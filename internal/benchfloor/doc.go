// Package benchfloor holds benchmarks only: GetSecret of the SDK beside the floor of the fastest
// well-kept Go JSON library, github.com/goccy/go-json, decoding into plain structs. It is a module
// of its own, so that no user of the SDK ever downloads that library.
package benchfloor
