package vault

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"strconv"

	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
	"github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2/internal/paging"
)

// Secrets is the secrets engine of one secret type, in the default secret group or, after InGroup,
// in a given one. S is the type's secret model, C the body that creates one and R the body that
// rotates one. Get one from the Client: client.Arbitrary(), client.KV(), ...
type Secrets[S, C, R any] struct {
	c          *Client
	secretType SecretType
	groupID    string
}

func engine[S, C, R any](c *Client, t SecretType) *Secrets[S, C, R] {
	return &Secrets[S, C, R]{c: c, secretType: t}
}

// Arbitrary returns the engine of arbitrary secrets.
func (c *Client) Arbitrary() *Secrets[ArbitrarySecret, CreateArbitraryRequest, RotateArbitraryRequest] {
	return engine[ArbitrarySecret, CreateArbitraryRequest, RotateArbitraryRequest](c, Arbitrary)
}

// KV returns the engine of key-value secrets.
func (c *Client) KV() *Secrets[KVSecret, CreateKVRequest, RotateKVRequest] {
	return engine[KVSecret, CreateKVRequest, RotateKVRequest](c, KV)
}

// UsernamePassword returns the engine of user credentials.
func (c *Client) UsernamePassword() *Secrets[UsernamePasswordSecret, CreateUsernamePasswordRequest, RotateUsernamePasswordRequest] {
	return engine[UsernamePasswordSecret, CreateUsernamePasswordRequest, RotateUsernamePasswordRequest](c, UsernamePassword)
}

// IAMCredentials returns the engine of IAM credentials: Create posts to its roles/{name} route and
// Get reads from its creds route, which generates the API key when needed.
func (c *Client) IAMCredentials() *Secrets[IAMCredentialsSecret, CreateIAMCredentialsRequest, RotateIAMCredentialsRequest] {
	return engine[IAMCredentialsSecret, CreateIAMCredentialsRequest, RotateIAMCredentialsRequest](c, IAMCredentials)
}

// ImportedCert returns the engine of imported certificates.
func (c *Client) ImportedCert() *Secrets[ImportedCertSecret, CreateImportedCertRequest, RotateImportedCertRequest] {
	return engine[ImportedCertSecret, CreateImportedCertRequest, RotateImportedCertRequest](c, ImportedCert)
}

// PublicCert returns the engine of public certificates.
func (c *Client) PublicCert() *Secrets[PublicCertSecret, CreatePublicCertRequest, RotateCertificateRequest] {
	return engine[PublicCertSecret, CreatePublicCertRequest, RotateCertificateRequest](c, PublicCert)
}

// PrivateCert returns the engine of private certificates.
func (c *Client) PrivateCert() *Secrets[PrivateCertSecret, CreatePrivateCertRequest, RotateCertificateRequest] {
	return engine[PrivateCertSecret, CreatePrivateCertRequest, RotateCertificateRequest](c, PrivateCert)
}

// ServiceCredentials returns the engine of service credentials.
func (c *Client) ServiceCredentials() *Secrets[ServiceCredentialsSecret, CreateServiceCredentialsRequest, RotateServiceCredentialsRequest] {
	return engine[ServiceCredentialsSecret, CreateServiceCredentialsRequest, RotateServiceCredentialsRequest](c, ServiceCredentials)
}

// Engine returns the engine of any secret type, this release's or a later one, with untyped
// bodies: a secret decodes into SecretMetadata, whose Extra keeps its secret_data and the
// properties of its type.
func (c *Client) Engine(secretType SecretType) *Secrets[SecretMetadata, map[string]interface{}, map[string]interface{}] {
	return engine[SecretMetadata, map[string]interface{}, map[string]interface{}](c, secretType)
}

// InGroup returns the same engine in the secret group groupID: its calls use the
// /groups/{group_id} routes. An empty groupID means the default group.
func (s *Secrets[S, C, R]) InGroup(groupID string) *Secrets[S, C, R] {
	return &Secrets[S, C, R]{c: s.c, secretType: s.secretType, groupID: groupID}
}

// SecretType returns the engine's secret type.
func (s *Secrets[S, C, R]) SecretType() SecretType { return s.secretType }

// GroupID returns the secret group of the engine's calls ("" for the default group).
func (s *Secrets[S, C, R]) GroupID() string { return s.groupID }

// request names the route of op in the engine's group and fills in the type and group.
func (s *Secrets[S, C, R]) request(op string, params map[string]string, body interface{}) request {
	if params == nil {
		params = map[string]string{}
	}
	params["secret_type"] = string(s.secretType)
	if s.groupID != "" {
		op += "_in_group"
		params["group_id"] = s.groupID
	}
	return request{op: op, params: params, body: body}
}

func idParam(id string) map[string]string {
	return map[string]string{"id": id}
}

// Create creates a secret (for a certificate, orders or issues it) and returns it. For IAM
// credentials the secret's name, CreateIAMCredentialsRequest.Name, is also the last segment of
// the path.
func (s *Secrets[S, C, R]) Create(ctx context.Context, secret *C) (*Response[S], error) {
	if secret == nil {
		return nil, nilBody("create_secret")
	}
	if iam, ok := any(secret).(*CreateIAMCredentialsRequest); ok && s.secretType == IAMCredentials {
		name := ""
		if iam.Name != nil {
			name = *iam.Name
		}
		return do[S](ctx, s.c, s.request("create_iam_credentials", map[string]string{"secret_name": name}, secret))
	}
	return do[S](ctx, s.c, s.request("create_secret", nil, secret))
}

// List lists the secrets of the engine (in its group, after InGroup), without their values.
func (s *Secrets[S, C, R]) List(ctx context.Context) (*Response[SecretList], error) {
	return do[SecretList](ctx, s.c, s.request("list_secrets", nil, nil))
}

// Get returns a secret with its value, by ID or by name. For IAM credentials it uses the creds
// route, which returns the API key.
func (s *Secrets[S, C, R]) Get(ctx context.Context, idOrName string) (*Response[S], error) {
	op := "get_secret"
	if s.secretType == IAMCredentials {
		op = "get_iam_credentials"
	}
	return do[S](ctx, s.c, s.request(op, idParam(idOrName), nil))
}

// GetMetadata returns the metadata of a secret, without its value.
func (s *Secrets[S, C, R]) GetMetadata(ctx context.Context, id string) (*Response[SecretMetadata], error) {
	return do[SecretMetadata](ctx, s.c, s.request("get_secret_metadata", idParam(id), nil))
}

// UpdateMetadata changes the name, description or expiration date of a secret.
func (s *Secrets[S, C, R]) UpdateMetadata(ctx context.Context, id string, metadata *UpdateMetadataRequest) (*Response[SecretMetadata], error) {
	if metadata == nil {
		return nil, nilBody("update_secret_metadata")
	}
	return do[SecretMetadata](ctx, s.c, s.request("update_secret_metadata", idParam(id), metadata))
}

// Rotate makes a new version of a secret with the value in rotation (for certificates and service
// credentials, an empty body asks the service to make the new value).
func (s *Secrets[S, C, R]) Rotate(ctx context.Context, id string, rotation *R) (*Response[S], error) {
	var body interface{} = rotation
	if rotation == nil {
		body = struct{}{}
	}
	return do[S](ctx, s.c, s.request("rotate_secret", idParam(id), body))
}

// Delete deletes a secret.
func (s *Secrets[S, C, R]) Delete(ctx context.Context, id string) (*Response[NoData], error) {
	return do[NoData](ctx, s.c, s.request("delete_secret", idParam(id), nil))
}

// GetPolicies returns the rotation policies of a secret.
func (s *Secrets[S, C, R]) GetPolicies(ctx context.Context, id string) (*Response[PolicyList], error) {
	return do[PolicyList](ctx, s.c, s.request("get_secret_policies", idParam(id), nil))
}

// SetPolicies sets the rotation policy of a secret (username_password secrets).
func (s *Secrets[S, C, R]) SetPolicies(ctx context.Context, id string, policies *PolicyRequest) (*Response[PolicyList], error) {
	if policies == nil {
		return nil, nilBody("set_secret_policies")
	}
	return do[PolicyList](ctx, s.c, s.request("set_secret_policies", idParam(id), policies))
}

// LockMode is how Lock and LockVersion treat the locks of the other version.
type LockMode string

// The lock modes.
const (
	// LockDefault only adds the locks.
	LockDefault LockMode = ""
	// LockExclusive also removes the locks of the same names from the previous version.
	LockExclusive LockMode = "lock_exclusive"
	// LockExclusiveDelete is LockExclusive, and also deletes the data of the previous version when
	// it has no locks left.
	LockExclusiveDelete LockMode = "lock_exclusive_delete"
)

// The version aliases a version ID can be replaced with.
const (
	// CurrentVersion names the current version of a secret.
	CurrentVersion = "current"
	// PreviousVersion names the previous version of a secret.
	PreviousVersion = "previous"
)

// ListLocksOptions are the query parameters of ListLocks and ListVersionLocks.
type ListLocksOptions struct {
	// Limit is the number of locks of a page (the service's default is 25).
	Limit *int64
	// Offset is the number of locks to skip.
	Offset *int64
	// Search keeps the locks whose name contains it.
	Search *string
}

func (o *ListLocksOptions) query() (url.Values, error) {
	if o == nil {
		return nil, nil
	}
	q := url.Values{}
	if o.Limit != nil {
		if *o.Limit < 1 {
			return nil, fmt.Errorf("vault list_secret_locks: %w: Limit is %d; it must be at least 1", sm.ErrInvalidInput, *o.Limit)
		}
		q.Set("limit", strconv.FormatInt(*o.Limit, 10))
	}
	if o.Offset != nil {
		if *o.Offset < 0 {
			return nil, fmt.Errorf("vault list_secret_locks: %w: Offset is %d; it must be at least 0", sm.ErrInvalidInput, *o.Offset)
		}
		q.Set("offset", strconv.FormatInt(*o.Offset, 10))
	}
	if o.Search != nil {
		q.Set("search", *o.Search)
	}
	return q, nil
}

func versionParams(id, versionID string) map[string]string {
	return map[string]string{"id": id, "version_id": versionID}
}

// ListLocks returns one page of the locks of a secret (of all its versions).
func (s *Secrets[S, C, R]) ListLocks(ctx context.Context, id string, options *ListLocksOptions) (*Response[LockList], error) {
	q, err := options.query()
	if err != nil {
		return nil, err
	}
	r := s.request("list_secret_locks", idParam(id), nil)
	r.query = q
	return do[LockList](ctx, s.c, r)
}

// ListVersionLocks returns one page of the locks of a secret version (an ID, CurrentVersion or
// PreviousVersion).
func (s *Secrets[S, C, R]) ListVersionLocks(ctx context.Context, id, versionID string, options *ListLocksOptions) (*Response[LockList], error) {
	q, err := options.query()
	if err != nil {
		return nil, err
	}
	r := s.request("list_secret_version_locks", versionParams(id, versionID), nil)
	r.query = q
	return do[LockList](ctx, s.c, r)
}

func lockOp(base string, mode LockMode) (string, error) {
	switch mode {
	case LockDefault:
		return base, nil
	case LockExclusive:
		return base + "_exclusive", nil
	case LockExclusiveDelete:
		return base + "_exclusive_delete", nil
	}
	return "", fmt.Errorf("vault %s: %w: unknown lock mode %q", base, sm.ErrInvalidInput, mode)
}

// Lock adds locks to the current version of a secret (a lock of the same name is replaced), with
// a lock mode.
func (s *Secrets[S, C, R]) Lock(ctx context.Context, id string, locks *LockRequest, mode LockMode) (*Response[LockResult], error) {
	op, err := lockOp("lock_secret", mode)
	if err != nil {
		return nil, err
	}
	if locks == nil {
		return nil, nilBody(op)
	}
	return do[LockResult](ctx, s.c, s.request(op, idParam(id), locks))
}

// Unlock deletes locks of the current version of a secret: the names in locks.Locks, or all of
// them with "*".
func (s *Secrets[S, C, R]) Unlock(ctx context.Context, id string, locks *UnlockRequest) (*Response[LockResult], error) {
	if locks == nil {
		return nil, nilBody("unlock_secret")
	}
	return do[LockResult](ctx, s.c, s.request("unlock_secret", idParam(id), locks))
}

// LockVersion adds locks to a version of a secret (an ID, CurrentVersion or PreviousVersion), with
// a lock mode.
func (s *Secrets[S, C, R]) LockVersion(ctx context.Context, id, versionID string, locks *LockRequest, mode LockMode) (*Response[LockResult], error) {
	op, err := lockOp("lock_secret_version", mode)
	if err != nil {
		return nil, err
	}
	if locks == nil {
		return nil, nilBody(op)
	}
	return do[LockResult](ctx, s.c, s.request(op, versionParams(id, versionID), locks))
}

// UnlockVersion deletes locks of a version of a secret: the names in locks.Locks, or all of them
// with "*".
func (s *Secrets[S, C, R]) UnlockVersion(ctx context.Context, id, versionID string, locks *UnlockRequest) (*Response[LockResult], error) {
	if locks == nil {
		return nil, nilBody("unlock_secret_version")
	}
	return do[LockResult](ctx, s.c, s.request("unlock_secret_version", versionParams(id, versionID), locks))
}

// NewLocksPager returns a pager over the locks of a secret, a page at a time from options.Offset
// (options may be nil; the pager works on a copy).
func (s *Secrets[S, C, R]) NewLocksPager(id string, options *ListLocksOptions) *LocksPager {
	return newLocksPager(options, func(ctx context.Context, o *ListLocksOptions) (*Response[LockList], error) {
		return s.ListLocks(ctx, id, o)
	})
}

// NewVersionLocksPager returns a pager over the locks of a secret version.
func (s *Secrets[S, C, R]) NewVersionLocksPager(id, versionID string, options *ListLocksOptions) *LocksPager {
	return newLocksPager(options, func(ctx context.Context, o *ListLocksOptions) (*Response[LockList], error) {
		return s.ListVersionLocks(ctx, id, versionID, o)
	})
}

// LocksPager pages through a list of locks with limit and offset, like the v2 client's pagers:
// range over All for the locks, over Pages for whole pages, or call GetNext.
//
// The locks of a page that All fetched but did not yield (the loop broke in the middle of the page)
// are not lost: the next All, GetNext, GetAll or Pages starts with them. A page that does not
// advance the listing (the previous page again, more locks than locks_total, or no locks while
// locks_total says more follow) ends the pager with an error matching ErrPaging, instead of
// looping or skipping locks. The next offset is the offset asked for plus the locks received.
type LocksPager struct {
	core paging.Pager[LockList, Lock]
}

// ErrPaging is matched (errors.Is) by the error that ends a LocksPager when the server answers a
// page that cannot follow the one before: the previous page again, more locks than its
// locks_total, or none while locks_total says more follow. It is secretsmanagerv2.ErrPaging, which
// the v2 client's pagers return too.
var ErrPaging = sm.ErrPaging

// locksPaging is what the pages of locks say (no next link: locks_total tells whether more follow)
// and what their errors call things.
var locksPaging = &paging.Config{Items: "locks", Total: "locks_total", TotalOnly: true, Done: errors.New("vault: no more results available")}

func newLocksPager(options *ListLocksOptions, fetch func(context.Context, *ListLocksOptions) (*Response[LockList], error)) *LocksPager {
	var opts ListLocksOptions
	if options != nil {
		opts = *options
	}
	start := int64(0) // always sent
	if opts.Offset != nil {
		start = *opts.Offset
	}
	return &LocksPager{core: paging.New(locksPaging, &start,
		func(ctx context.Context, offset *int64) (*LockList, error) {
			o := opts
			o.Offset = offset
			resp, err := fetch(ctx, &o)
			if err != nil {
				return nil, err
			}
			if resp == nil || resp.Data == nil {
				return &LockList{}, nil
			}
			return resp.Data, nil
		},
		func(l *LockList) ([]Lock, paging.Info) { return l.Locks, paging.Info{Total: l.LocksTotal} },
	)}
}

// HasNext reports whether there may be another page, or locks held from a page cut short.
func (p *LocksPager) HasNext() bool { return p.core.HasNext() }

// TotalCount returns the total number of locks the last page reported, or nil before the first.
func (p *LocksPager) TotalCount() *int64 { return p.core.TotalCount() }

// GetNext returns the locks held from a page cut short by a break in All, or else fetches the
// next page and returns its locks.
func (p *LocksPager) GetNext(ctx context.Context) ([]Lock, error) { return p.core.GetNext(ctx) }

// GetAll fetches every remaining page and returns all their locks, in order.
func (p *LocksPager) GetAll(ctx context.Context) ([]Lock, error) { return p.core.GetAll(ctx) }

// All returns an iterator over the remaining locks: it fetches a page only when the loop needs
// it, and stops when the loop breaks, the locks run out or the context is done. An error is
// yielded once, with a zero Lock, and ends the iteration. After a break, the next call starts with
// the lock after the last one yielded.
func (p *LocksPager) All(ctx context.Context) iter.Seq2[Lock, error] { return p.core.All(ctx) }

// Pages returns an iterator over the remaining pages; a page cut short by a break in All comes
// first, with the locks not yielded yet.
func (p *LocksPager) Pages(ctx context.Context) iter.Seq2[*LockList, error] {
	return p.core.Pages(ctx)
}
