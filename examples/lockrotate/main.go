// Command lockrotate walks through the lock-and-rotate workflow of the Secrets Manager
// documentation ("Locking secrets"): an application locks the version of a secret it uses, so that
// the secret cannot be deleted and that version cannot be discarded under it; the secret is
// rotated; the application moves its lock to the new version; the secret is unlocked and deleted.
//
//	go run ./examples/lockrotate
//
// The rules it shows, as the documentation gives them:
//
//   - A secret that holds at least one lock, on any version, cannot be deleted: the request is
//     refused with 412 Precondition Failed, which the SDK reports as an error matching
//     errors.Is(err, secretsmanagerv2.ErrLocked).
//   - Rotating a secret (CreateSecretVersion) while its current version is locked is allowed: the
//     current version becomes the previous version and keeps its locks; the new current version
//     has none.
//   - Rotating a secret while its previous version is locked is refused (412): the rotation would
//     discard that version.
//   - Creating a lock on the current version with mode remove_previous also removes the lock of the
//     same name from the previous version: the lock moves to the new version in one call. Mode
//     remove_previous_and_delete does the same and then deletes the data of the previous version
//     if no lock is left on it.
//   - DeleteSecretLocksBulk removes locks by name from every version of the secret.
//
// With no configuration it runs against an embedded in-memory Secrets Manager; set
// SECRETS_MANAGER_URL and SECRETS_MANAGER_APIKEY to use your instance. It never prints a secret
// value.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/IBM/go-sdk-core/v5/core"

	"github.com/IBM/secrets-manager-go-sdk/v2/examples/internal/exampleenv"
	sm "github.com/IBM/secrets-manager-go-sdk/v2/secretsmanagerv2"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "lockrotate:", err)
		os.Exit(1)
	}
}

// lockName is the name of the lock of the application that uses the secret.
const lockName = "app-a"

func run(ctx context.Context, w io.Writer) error {
	env, err := exampleenv.Connect(w)
	if err != nil {
		return err
	}
	defer env.Close()
	client := env.Client

	// 1. Create the secret: its first version is its current version.
	payload := "db-password-1"
	secret, _, err := client.CreateSecretWithContext(ctx, client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
		SecretType: core.StringPtr(sm.ArbitrarySecretPrototype_SecretType_Arbitrary),
		Name:       core.StringPtr(env.Name("sdk-example-lockrotate")),
		Payload:    core.StringPtr(payload),
	}))
	if err != nil {
		return fmt.Errorf("creating the secret: %w", err)
	}
	id := secret.Common().ID
	fmt.Fprintf(w, "1. Created secret %q, payload: %s.\n", secret.Common().Name, exampleenv.Size(payload))

	// Whatever happens below, leave nothing behind: unlock the secret, then delete it.
	deleted := false
	defer func() {
		if deleted {
			return
		}
		ctx := context.WithoutCancel(ctx) // clean up even after Ctrl-C
		_, _, _ = client.DeleteSecretLocksBulkWithContext(ctx, client.NewDeleteSecretLocksBulkOptions(id).SetName([]string{lockName}))
		_, _ = client.DeleteSecretWithContext(ctx, client.NewDeleteSecretOptions(id))
	}()

	// 2. The application locks the version it uses, the current one. CreateSecretLocksBulk locks
	// the current version; CreateSecretVersionLocksBulk (step 6) locks a version given by its ID.
	lock := sm.SecretLockPrototype{
		Name:        core.StringPtr(lockName),
		Description: core.StringPtr("app-a reads this version of the secret"),
		Attributes:  map[string]interface{}{"deployment": "app-a"},
	}
	locks, _, err := client.CreateSecretLocksBulkWithContext(ctx,
		client.NewCreateSecretLocksBulkOptions(id, []sm.SecretLockPrototype{lock}))
	if err != nil {
		return fmt.Errorf("locking the secret: %w", err)
	}
	// The versions are known by their IDs: name them for the output.
	labels := map[string]string{}
	for _, v := range locks.Versions {
		if core.StringNilMapper(v.VersionAlias) == sm.SecretVersionLocks_VersionAlias_Current {
			labels[core.StringNilMapper(v.VersionID)] = "version 1"
		}
	}
	fmt.Fprintf(w, "2. Locked the current version for %s (CreateSecretLocksBulk). Locks:\n", lockName)
	if err := printLocks(ctx, w, client, id, labels); err != nil {
		return err
	}

	// 3. A locked secret cannot be deleted.
	_, err = client.DeleteSecretWithContext(ctx, client.NewDeleteSecretOptions(id))
	if err := expectLocked(w, "3. DeleteSecret", err); err != nil {
		return err
	}

	// 4. Rotate: create a new version. A lock on the current version does not prevent it: the
	// locked version becomes the previous version, with its lock, so app-a keeps reading it.
	payload = "db-password-2"
	version, _, err := client.CreateSecretVersionWithContext(ctx, client.NewCreateSecretVersionOptions(id,
		&sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr(payload)}))
	if err != nil {
		return fmt.Errorf("rotating the secret: %w", err)
	}
	v2 := version.Common().ID
	labels[v2] = "version 2"
	fmt.Fprintf(w, "4. Rotated the secret (CreateSecretVersion), payload: %s. "+
		"The locked version is now the previous one and kept its lock; the new current version has none. Locks:\n",
		exampleenv.Size(payload))
	if err := printLocks(ctx, w, client, id, labels); err != nil {
		return err
	}

	// 5. Another rotation would discard the previous version, which app-a still uses: refused.
	_, _, err = client.CreateSecretVersionWithContext(ctx, client.NewCreateSecretVersionOptions(id,
		&sm.ArbitrarySecretVersionPrototype{Payload: core.StringPtr("db-password-3")}))
	if err := expectLocked(w, "5. A second rotation (CreateSecretVersion)", err); err != nil {
		return err
	}

	// 6. app-a has deployed version 2: it locks it, with mode remove_previous, which removes its
	// lock of the same name from the previous version in the same call. The previous version is
	// then free to be discarded by the next rotation. (Mode remove_previous_and_delete would also
	// delete the data of the previous version, left without locks.)
	_, _, err = client.CreateSecretVersionLocksBulkWithContext(ctx,
		client.NewCreateSecretVersionLocksBulkOptions(id, v2, []sm.SecretLockPrototype{lock}).
			SetMode(sm.CreateSecretVersionLocksBulkOptions_Mode_RemovePrevious))
	if err != nil {
		return fmt.Errorf("moving the lock to the new version: %w", err)
	}
	fmt.Fprintf(w, "6. Locked version 2 for %s with mode remove_previous (CreateSecretVersionLocksBulk): "+
		"the lock moved from the previous version to the current one. Locks:\n", lockName)
	if err := printLocks(ctx, w, client, id, labels); err != nil {
		return err
	}

	// 7. app-a no longer needs the secret: remove its lock, from every version.
	_, _, err = client.DeleteSecretLocksBulkWithContext(ctx,
		client.NewDeleteSecretLocksBulkOptions(id).SetName([]string{lockName}))
	if err != nil {
		return fmt.Errorf("unlocking the secret: %w", err)
	}
	fmt.Fprintf(w, "7. Removed the lock %s (DeleteSecretLocksBulk). Locks:\n", lockName)
	if err := printLocks(ctx, w, client, id, labels); err != nil {
		return err
	}

	// 8. Unlocked, the secret can be deleted.
	if _, err := client.DeleteSecretWithContext(ctx, client.NewDeleteSecretOptions(id)); err != nil {
		return fmt.Errorf("deleting the unlocked secret: %w", err)
	}
	deleted = true
	_, _, err = client.GetSecretMetadataWithContext(ctx, client.NewGetSecretMetadataOptions(id))
	if !errors.Is(err, sm.ErrNotFound) {
		return fmt.Errorf("reading the deleted secret: got %v, want a 404 error", err)
	}
	fmt.Fprintln(w, "8. Deleted the secret (DeleteSecret succeeded); reading it now fails with 404, errors.Is(err, secretsmanagerv2.ErrNotFound).")
	return nil
}

// printLocks lists the locks of a secret, on all its versions, with the SecretLocksPager.
func printLocks(ctx context.Context, w io.Writer, client *sm.SecretsManagerV2, secretID string, labels map[string]string) error {
	pager, err := client.NewSecretLocksPager(&sm.ListSecretLocksOptions{
		ID:   core.StringPtr(secretID),
		Sort: core.StringPtr("name"),
	})
	if err != nil {
		return err
	}
	n := 0
	for lock, err := range pager.All(ctx) {
		if err != nil {
			return fmt.Errorf("listing the locks: %w", err)
		}
		n++
		version := core.StringNilMapper(lock.SecretVersionID)
		if l, ok := labels[version]; ok {
			version = l
		}
		fmt.Fprintf(w, "     %s on the %s version (%s)\n", core.StringNilMapper(lock.Name),
			core.StringNilMapper(lock.SecretVersionAlias), version)
	}
	if n == 0 {
		fmt.Fprintln(w, "     none")
	}
	return nil
}

// expectLocked checks that err is the 412 answer to a request refused because of a lock, and
// describes it after what, the step that made the request.
func expectLocked(w io.Writer, what string, err error) error {
	if err == nil {
		return fmt.Errorf("%s succeeded, but the secret is locked: want a 412 error", what)
	}
	if !errors.Is(err, sm.ErrLocked) {
		return fmt.Errorf("%s: got %w, want a 412 error", what, err)
	}
	// The details of the answer are in an *APIError.
	var apiErr *sm.APIError
	if errors.As(err, &apiErr) {
		fmt.Fprintf(w, "%s was refused, as expected: %d %s: %q\n", what, apiErr.StatusCode, apiErr.Code, apiErr.Message)
	}
	fmt.Fprintln(w, "     errors.Is(err, secretsmanagerv2.ErrLocked) = true")
	return nil
}
