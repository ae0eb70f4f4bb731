package secretsmanagertest

import (
	"regexp"
	"time"
)

// customCredentialsKind is secret_type "custom_credentials": credentials
// made and revoked by a provider job (custom_credentials_configuration)
// through tasks (v2_tasks.go). Creation and rotation queue a create_credentials
// task for a pending version, which becomes the current version when the
// provider reports credentials_created; deleting version data, versions that
// expire or leave the previous slot queue a delete_credentials task.
type customCredentialsKind struct {
	kindBase
	configuration      string
	parameters         map[string]any
	ttl                string
	rot                rotation
	queue              taskQueue
	pending            map[string]*version // version ID -> version waiting for its create task
	lastRotationFailed bool
}

// customVersion is the data of a custom_credentials secret version.
type customVersion struct {
	credentialsID string
	content       map[string]any
	expiryHandled bool // a delete task was queued when it expired
}

func (d *customVersion) renderMetadata(m map[string]any) {
	if d.credentialsID != "" {
		m["credentials_id"] = d.credentialsID
	}
}
func (d *customVersion) renderData(m map[string]any) { m["credentials_content"] = d.content }
func (d *customVersion) clone() versionData          { return shallow(d) }
func (d *customVersion) erase()                      { d.content = nil }

var (
	reCustomConfigName = regexp.MustCompile(`^[a-zA-Z0-9]([-a-zA-Z0-9_.]*)?$`)
	reCustomTTL        = regexp.MustCompile(`^[0-9]+[smhd]?$`)
)

// parseCustomTTL validates a custom credentials ttl: 1 to 90 days.
func parseCustomTTL(ttl string) *apiError {
	if len(ttl) > 10 || !reCustomTTL.MatchString(ttl) {
		return errBadRequest("property \"ttl\" must be a number of seconds or a duration such as 24h or 30d")
	}
	if d, err := parseDurationString(ttl); err != nil || d < 24*time.Hour || d > 90*24*time.Hour {
		return errBadRequest("property \"ttl\" must be between 1 day and 90 days")
	}
	return nil
}

func (k *customCredentialsKind) clone() secretKind {
	c := *k
	c.queue = k.queue.clone(&c)
	c.pending = make(map[string]*version, len(k.pending))
	for id, v := range k.pending {
		c.pending[id] = v.clone()
	}
	return &c
}

func (k *customCredentialsKind) create(s *store, sec *secret, b *body) *apiError {
	if e := b.required("configuration"); e != nil {
		return e
	}
	name, _ := b.str("configuration")
	params, _ := b.object("parameters")
	ttl, hasTTL := b.str("ttl")
	if b.err != nil {
		return b.err
	}
	if e := checkLen("configuration", name, 2, 128); e != nil {
		return e
	}
	if !reCustomConfigName.MatchString(name) {
		return errBadRequest("property \"configuration\" must match the pattern %s", reCustomConfigName)
	}
	cfg := s.customConfig(name)
	if cfg == nil {
		return errBadRequest("the custom credentials configuration %q does not exist", name)
	}
	if e := validateValues("parameters", cfg.schema.parameters, params, true, true); e != nil {
		return e
	}
	if hasTTL {
		if e := parseCustomTTL(ttl); e != nil {
			return e
		}
	}
	k.rot.rules = rotationRules{min: 6 * time.Hour, max: 3 * month}
	rot, e := k.rot.parse(b)
	if e != nil {
		return e
	}
	if e := checkRotationTTL(rot, ttl); e != nil {
		return e
	}
	k.configuration, k.parameters, k.ttl = name, params, ttl
	k.rot.set(s.now(), rot)
	k.queue.owner = k
	k.pending = map[string]*version{}
	sec.state = 0
	return nil
}

// newVersion queues a create_credentials task for v, which stays pending
// until the provider reports its credentials.
func (k *customCredentialsKind) newVersion(s *store, _ *secret, v *version, _ *body, rotation bool) (bool, *apiError) {
	trigger := triggerCreation
	if rotation {
		trigger = triggerManual
	}
	k.queueCreate(s.now(), s.cfg.createdBy, v, trigger)
	return true, nil
}

func (k *customCredentialsKind) queueCreate(now time.Time, by string, v *version, trigger string) {
	v.data, v.payloadAvailable = &customVersion{}, false
	v.autoRotated = trigger == triggerAutomatic
	k.pending[v.id] = v
	k.queue.add(now, by, taskCreate, trigger, v.id)
}

// queueDelete queues a delete_credentials task for v unless one is running.
func (k *customCredentialsKind) queueDelete(now time.Time, by string, v *version, trigger string) {
	if v.payloadAvailable && k.queue.unfinished(taskDelete, v.id) == nil {
		k.queue.add(now, by, taskDelete, trigger, v.id)
	}
}

func (k *customCredentialsKind) completed(s *store, sec *secret, t *secretTask, u *taskUpdate) *apiError {
	now := s.now()
	rotationTask := t.trigger == triggerManual || t.trigger == triggerAutomatic
	switch {
	case t.typ == taskCreate && u.status == taskCredentialsCreated:
		v := k.pending[t.versionID]
		if v == nil {
			return errBadRequest("the version %s of task %s is no longer pending", t.versionID, t.id)
		}
		if cfg := s.customConfig(k.configuration); cfg != nil {
			if e := validateValues("credentials.payload", cfg.schema.credentials, u.payload, true, false); e != nil {
				return e
			}
		}
		delete(k.pending, t.versionID)
		v.data, v.payloadAvailable = &customVersion{credentialsID: u.credentialsID, content: u.payload}, true
		v.expiration = nil
		if k.ttl != "" {
			v.expiration = expiresAfter(now, k.ttl)
		}
		s.addVersion(sec, v)
		sec.state, sec.expiration, sec.updatedAt = 1, v.expiration, now
		if rotationTask {
			k.lastRotationFailed = false
		}
		if n := len(sec.versions); n >= 3 {
			// The version pushed out of the previous slot loses its credentials.
			k.queueDelete(now, serviceActor, sec.versions[n-3], t.trigger)
		}
	case t.typ == taskCreate && u.status == taskFailed:
		delete(k.pending, t.versionID)
		if rotationTask {
			k.lastRotationFailed = true
		}
	case t.typ == taskDelete && u.status == taskCredentialsDeleted:
		for _, v := range sec.versions {
			if v.id == t.versionID {
				v.eraseData()
			}
		}
	}
	return nil
}

func (k *customCredentialsKind) cancelled(_ *store, _ *secret, t *secretTask) {
	if t.typ == taskCreate {
		delete(k.pending, t.versionID)
	}
}

// refresh fails tasks past the configuration's timeout, queues the deletion
// of expired credentials and the automatic rotations that are due.
func (k *customCredentialsKind) refresh(s *store, sec *secret) {
	s.touch(sec)
	timeout := 10 * time.Minute
	if cfg := s.customConfig(k.configuration); cfg != nil {
		timeout = cfg.timeout
	}
	k.queue.expire(s, sec, timeout)
	now := s.now()
	for _, v := range sec.versions {
		d, ok := v.data.(*customVersion)
		if ok && !d.expiryHandled && v.expiration != nil && !now.Before(*v.expiration) && v.payloadAvailable {
			d.expiryHandled = true
			k.queueDelete(now, serviceActor, v, triggerExpiration)
		}
	}
	if r := k.rot; r.next != nil && !now.Before(*r.next) && sec.state == 1 && len(k.pending) == 0 {
		v := s.blankVersion()
		v.createdBy = serviceActor
		k.queueCreate(now, serviceActor, v, triggerAutomatic)
		k.rot.reschedule(now)
	}
}

func (k *customCredentialsKind) render(m map[string]any, _ bool) {
	m["configuration"] = k.configuration
	if k.parameters != nil {
		m["parameters"] = k.parameters
	}
	if k.ttl != "" {
		m["ttl"] = k.ttl
	}
	m["last_rotation_failed"] = k.lastRotationFailed
	k.queue.render(m)
}

func (k *customCredentialsKind) rotation() *rotation { return &k.rot }
func (k *customCredentialsKind) tasks() *taskQueue   { return &k.queue }

func (k *customCredentialsKind) patch(s *store, sec *secret, b *body) (func(), *apiError) {
	ttl := k.ttl
	ttlField := patchField{"ttl", func(b *body) (func(), *apiError) {
		v, ok := b.str("ttl")
		if !ok {
			return nil, nil
		}
		if e := parseCustomTTL(v); e != nil {
			return nil, e
		}
		ttl = v // a new ttl applies from the next version
		return func() { k.ttl = v }, nil
	}}
	params := patchField{"parameters", func(b *body) (func(), *apiError) {
		in, ok := b.object("parameters")
		if !ok {
			return nil, nil
		}
		merged := map[string]any{}
		for n, v := range k.parameters {
			merged[n] = v
		}
		for n, v := range in {
			merged[n] = v
		}
		if cfg := s.customConfig(k.configuration); cfg != nil {
			if e := validateValues("parameters", cfg.schema.parameters, merged, true, true); e != nil {
				return nil, e
			}
		}
		return func() { k.parameters = merged }, nil
	}}
	rot := rotationPatch(s, &k.rot,
		func(p *rotationPolicy) *apiError { return checkRotationTTL(p, ttl) },
		func(p *rotationPolicy) *apiError { return checkRotationExpiry(s.now(), p, sec.current()) })
	return applyPatch(sec.typ, b, ttlField, params, rot)
}

// deleteVersionData queues the deletion of the version's credentials; the
// data goes once the provider reports credentials_deleted.
func (k *customCredentialsKind) deleteVersionData(s *store, _ *secret, v *version) *apiError {
	k.queueDelete(s.now(), s.cfg.createdBy, v, triggerDataDeletion)
	return nil
}

// deleteSecret refuses, without force, while a version still has
// credentials in the provider or a task runs.
func (k *customCredentialsKind) deleteSecret(_ *store, sec *secret, force bool) *apiError {
	if force {
		return nil
	}
	for _, v := range sec.versions {
		if v.payloadAvailable {
			return errConflict("the version %s still has credentials: delete its data (DeleteSecretVersionData) first, or delete with force_delete=true", v.id)
		}
	}
	if k.queue.busy() {
		return errConflict("the secret has tasks in progress: wait for them, or delete with force_delete=true")
	}
	return nil
}

func (k *customCredentialsKind) lock(_ *store, _ *secret, mode string) *apiError {
	if mode == "remove_previous_and_delete" {
		return errBadRequest("lock mode remove_previous_and_delete is not supported for custom_credentials secrets: use remove_previous, then delete the previous version's data")
	}
	if k.queue.busy() {
		return errConflict("the secret has tasks in progress: it can be locked once they are finished")
	}
	return nil
}
