// Package transport is the request path that the clients of this module share (the v2 client of
// package secretsmanagerv2 and the Vault-compatible client of package vault): the client-side
// rate limiter.
package transport
