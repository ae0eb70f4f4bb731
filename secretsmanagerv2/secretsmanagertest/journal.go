package secretsmanagertest

// The journal undoes a request: Handler.do records the state the request may
// change before running it, and restores it when the request panics (a server
// bug: the instance stays as it was) or must run again (a key had to be made
// outside the lock). Secrets are recorded when a request first looks one up
// (store.use), configurations, groups and the rest of the store every time:
// there are few of them.

// shallow returns a copy of *p.
func shallow[T any](p *T) *T {
	c := *p
	return &c
}

// clone returns a copy of v that later changes of v do not affect.
func (v *version) clone() *version {
	c := *v
	c.data = v.data.clone()
	c.locks = make([]*secretLock, len(v.locks))
	for i, l := range v.locks {
		c.locks[i] = shallow(l)
	}
	return &c
}

// clone returns a copy of sec that later changes of sec do not affect.
func (sec *secret) clone() secret {
	c := *sec
	c.kind = sec.kind.clone()
	c.versions = make([]*version, len(sec.versions))
	for i, v := range sec.versions {
		c.versions[i] = v.clone()
	}
	return c
}

type journal struct {
	seq      int64
	secrets  map[*secret]secret // secrets looked up, as they were
	added    []string           // IDs of the secrets added
	removed  map[string]*secret // secrets removed, by ID
	groups   map[string]*secretGroup
	group    map[*secretGroup]secretGroup
	configs  []*configuration
	config   map[*configuration]configuration
	notif    map[string]any
	publicCA *caMaterial
}

// begin starts recording the changes of a request.
func (s *store) begin() {
	j := &journal{seq: s.seq, secrets: map[*secret]secret{}, removed: map[string]*secret{},
		groups: make(map[string]*secretGroup, len(s.groups)), group: make(map[*secretGroup]secretGroup, len(s.groups)),
		configs: append([]*configuration(nil), s.configs...), config: make(map[*configuration]configuration, len(s.configs)),
		notif: s.notif, publicCA: s.publicCA}
	for id, g := range s.groups {
		j.groups[id], j.group[g] = g, *g
	}
	for _, c := range s.configs {
		saved := *c
		saved.attrs = cloneAttrs(c.attrs)
		saved.kind = c.kind.clone()
		j.config[c] = saved
	}
	s.journal = j
}

// use records sec, which the request may change, and brings its
// time-driven state up to date.
func (s *store) use(sec *secret) {
	s.touch(sec)
	sec.kind.refresh(s, sec)
	s.timeDriven(sec) // expiration and automatic rotation (clock.go)
}

// touch records sec before the request changes it. Lists, which change
// secrets only through refresh, leave it to refresh.
func (s *store) touch(sec *secret) {
	if j := s.journal; j != nil {
		if _, ok := j.secrets[sec]; !ok {
			j.secrets[sec] = sec.clone()
		}
	}
}

// insertSecret adds a new secret.
func (s *store) insertSecret(sec *secret) {
	if s.journal != nil {
		s.journal.added = append(s.journal.added, sec.id)
	}
	s.secrets[sec.id] = sec
}

// removeSecret deletes a secret.
func (s *store) removeSecret(sec *secret) {
	if j := s.journal; j != nil {
		if _, ok := j.removed[sec.id]; !ok {
			j.removed[sec.id] = sec
		}
	}
	delete(s.secrets, sec.id)
}

// rollback restores the state recorded since begin.
func (s *store) rollback() {
	j := s.journal
	if j == nil {
		return
	}
	s.journal = nil
	for _, id := range j.added {
		delete(s.secrets, id)
	}
	for id, sec := range j.removed {
		s.secrets[id] = sec
	}
	for sec, saved := range j.secrets {
		*sec = saved
	}
	s.groups = j.groups
	for g, saved := range j.group {
		*g = saved
	}
	s.configs = j.configs
	for c, saved := range j.config {
		*c = saved
	}
	s.seq, s.notif, s.publicCA = j.seq, j.notif, j.publicCA
}

// commit stops recording.
func (s *store) commit() { s.journal = nil }
