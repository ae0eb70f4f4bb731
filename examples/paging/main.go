// Command paging shows the three ways to walk a list that spans several pages, with ListSecrets:
//
//   - pager.Pages(ctx): a range loop over the pages, each with its TotalCount, Offset and Limit;
//   - pager.All(ctx): a range loop over the secrets themselves, which fetches a page only when the
//     loop needs it, so that breaking out of the loop early stops the paging (and ranging again
//     goes on with the next secret);
//   - the HasNext/GetNext loop of the official SDK, which works the same here.
//
// Run it with:
//
//	go run ./examples/paging
//
// On the embedded in-memory server (when SECRETS_MANAGER_URL is not set) it creates 120 secrets and
// reads them 25 at a time. On your instance (SECRETS_MANAGER_URL and SECRETS_MANAGER_APIKEY set) it
// creates only 12, named sdk-example-paging-<random>-NNN, reads them 5 at a time, and deletes them
// at the end, even when a step fails.
package main

import (
	"context"
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
		fmt.Fprintln(os.Stderr, "paging:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer) error {
	env, err := exampleenv.Connect(w)
	if err != nil {
		return err
	}
	defer env.Close()
	client := env.Client

	// How many secrets to create, how many to ask for per page, and after how many secrets the
	// All loop breaks.
	count, limit, stopAfter := 120, int64(25), 30
	if !env.Embedded {
		count, limit, stopAfter = 12, 5, 7
	}

	// Every secret this example creates is deleted at the end, even when a step fails.
	prefix := env.Name("sdk-example-paging")
	var created []string
	defer func() {
		ctx := context.WithoutCancel(ctx) // clean up even after Ctrl-C
		for _, id := range created {
			_, _ = client.DeleteSecretWithContext(ctx, client.NewDeleteSecretOptions(id))
		}
	}()
	for i := 1; i <= count; i++ {
		secret, _, err := client.CreateSecretWithContext(ctx, client.NewCreateSecretOptions(&sm.ArbitrarySecretPrototype{
			SecretType: core.StringPtr(sm.ArbitrarySecretPrototype_SecretType_Arbitrary),
			Name:       core.StringPtr(fmt.Sprintf("%s-%03d", prefix, i)),
			Payload:    core.StringPtr(fmt.Sprintf("value %d", i)),
		}))
		if err != nil {
			return fmt.Errorf("creating secret %d of %d: %w", i, count, err)
		}
		created = append(created, secret.Common().ID)
	}
	fmt.Fprintf(w, "Created %d secrets, %s-%03d to %s-%03d.\n", count, prefix, 1, prefix, count)

	// The same options serve the three walks: a pager works on its own copy of them. The search
	// keeps the list to this example's secrets; sorting by name makes the order predictable.
	options := &sm.ListSecretsOptions{
		Limit:  core.Int64Ptr(limit),
		Search: core.StringPtr(prefix),
		Sort:   core.StringPtr("name"),
	}

	// 1. Pages: one loop step per page.
	fmt.Fprintf(w, "\n1. pager.Pages(ctx), %d secrets per page:\n", limit)
	pager, err := client.NewSecretsPager(options)
	if err != nil {
		return err
	}
	pages, items := 0, 0
	for page, err := range pager.Pages(ctx) {
		if err != nil {
			return fmt.Errorf("listing page %d: %w", pages+1, err)
		}
		pages++
		items += len(page.Secrets)
		fmt.Fprintf(w, "   page %d: offset %3d, %2d of %d secrets: %s\n",
			pages, *page.Offset, len(page.Secrets), *page.TotalCount, span(page.Secrets))
	}
	fmt.Fprintf(w, "   Pages visited %d secrets in %d pages.\n", items, pages)

	// 2. All: one loop step per secret. Breaking out of the loop stops the pager: the pages after
	// the one holding the last secret used are never requested.
	fmt.Fprintln(w, "\n2. pager.All(ctx), breaking out of the loop early:")
	pager, err = client.NewSecretsPager(options)
	if err != nil {
		return err
	}
	items = 0
	var last sm.SecretCommon
	for secret, err := range pager.All(ctx) {
		if err != nil {
			return fmt.Errorf("listing secrets: %w", err)
		}
		items++
		last = secret.Common()
		if items == stopAfter {
			break
		}
	}
	fmt.Fprintf(w, "   All stopped after %d secrets, at %s; pager.HasNext() is still %t: the remaining pages were never requested.\n",
		items, last.Name, pager.HasNext())
	// Ranging over All again goes on where the loop broke: with the rest of the page it was in
	// (no secret is skipped), then the next pages.
	resumed := 0
	var first sm.SecretCommon
	for secret, err := range pager.All(ctx) {
		if err != nil {
			return fmt.Errorf("listing secrets: %w", err)
		}
		if resumed == 0 {
			first = secret.Common()
		}
		resumed++
	}
	fmt.Fprintf(w, "   All again resumed at %s and visited the other %d secrets.\n", first.Name, resumed)

	// 3. HasNext/GetNext: the loop of the official SDK and of the API reference.
	fmt.Fprintln(w, "\n3. for pager.HasNext() { pager.GetNext() }:")
	pager, err = client.NewSecretsPager(options)
	if err != nil {
		return err
	}
	var all []sm.SecretMetadataIntf
	pages = 0
	for pager.HasNext() {
		next, err := pager.GetNextWithContext(ctx)
		if err != nil {
			return fmt.Errorf("listing page %d: %w", pages+1, err)
		}
		pages++
		all = append(all, next...)
	}
	fmt.Fprintf(w, "   GetNext visited %d secrets in %d pages (TotalCount %d): %s\n",
		len(all), pages, *pager.TotalCount(), span(all))

	// Clean up.
	for len(created) > 0 {
		if _, err := client.DeleteSecretWithContext(ctx, client.NewDeleteSecretOptions(created[0])); err != nil {
			return fmt.Errorf("deleting secret %s: %w", created[0], err)
		}
		created = created[1:]
	}
	fmt.Fprintf(w, "\nDeleted the %d secrets.\n", count)
	return nil
}

// span describes a list of secrets by the names of its first and last.
func span(secrets []sm.SecretMetadataIntf) string {
	switch len(secrets) {
	case 0:
		return "none"
	case 1:
		return secrets[0].Common().Name
	}
	return secrets[0].Common().Name + " … " + secrets[len(secrets)-1].Common().Name
}
