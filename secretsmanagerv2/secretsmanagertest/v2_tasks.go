package secretsmanagertest

import (
	"net/http"
	"regexp"
	"time"
)

// Secret tasks: the asynchronous work of a secret whose credentials are made
// by an external provider (custom_credentials). The generic part is here: the
// queue, the task API and the task state machine; what a finished task does
// to the secret is decided by the kind (taskOwner).
//
//	queued -> processing -> credentials_created | credentials_deleted | failed
//
// A secret runs one task at a time: the oldest queued task starts processing
// as soon as no other task is processing. The provider reports the outcome
// with ReplaceSecretTask (PUT); a processing task that outlives its timeout
// fails. Final tasks accept no update; deleting a queued or processing task
// cancels it.

const (
	taskCreate = "create_credentials"
	taskDelete = "delete_credentials"

	taskQueued             = "queued"
	taskProcessing         = "processing"
	taskCredentialsCreated = "credentials_created"
	taskCredentialsDeleted = "credentials_deleted"
	taskFailed             = "failed"

	triggerCreation      = "secret_creation"
	triggerManual        = "manual_secret_rotation"
	triggerAutomatic     = "automatic_secret_rotation"
	triggerExpiration    = "secret_version_expiration"
	triggerDataDeletion  = "secret_version_data_deletion"
	maxTasksPerSecret    = 100
	maxTaskErrors        = 10
	serviceActor         = "SecretsManager" // created_by/updated_by of what the service does by itself
	taskTimeoutErrorCode = "task_timeout"
)

var reTaskID = regexp.MustCompile(`^sm-task-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// secretTask is one task of a secret.
type secretTask struct {
	id, typ, status, trigger string
	versionID                string
	createdBy, updatedBy     string
	created, updated         time.Time
	started                  time.Time // when it started processing
	errors                   []taskError
}

// taskError is an error reported by the provider (or the service) for a
// failed task.
type taskError struct {
	Code        string `json:"code"`
	Description string `json:"description"`
}

func (t *secretTask) final() bool {
	return t.status != taskQueued && t.status != taskProcessing
}

func (t *secretTask) render(secretID string) map[string]any {
	m := map[string]any{
		"id":               t.id,
		"secret_id":        secretID,
		"type":             t.typ,
		"status":           t.status,
		"trigger":          t.trigger,
		"created_by":       t.createdBy,
		"creation_date":    fmtTime(t.created),
		"updated_by":       t.updatedBy,
		"last_update_date": fmtTime(t.updated),
	}
	if t.versionID != "" {
		m["secret_version_id"] = t.versionID
	}
	if len(t.errors) > 0 {
		m["errors"] = t.errors
	}
	return m
}

// taskUpdate is the outcome of a task, reported by the provider (PUT) or
// decided by the service (time-out).
type taskUpdate struct {
	status        string
	credentialsID string
	payload       map[string]any
	errors        []taskError
	by            string
}

// taskOwner is implemented by the kinds whose secrets have tasks.
type taskOwner interface {
	// completed applies the outcome u of task t, which fits t's type, to
	// the secret; an error refuses the update and leaves t unchanged.
	completed(s *store, sec *secret, t *secretTask, u *taskUpdate) *apiError
	// cancelled is called when the unfinished task t is deleted.
	cancelled(s *store, sec *secret, t *secretTask)
}

// taskQueue holds the tasks of one secret, oldest first.
type taskQueue struct {
	owner      taskOwner
	list       []*secretTask
	count      int    // tasks ever created: task_count
	lastFailed string // last_failed_task_id
}

// clone returns a copy of the queue owned by owner.
func (q *taskQueue) clone(owner taskOwner) taskQueue {
	c := *q
	c.owner = owner
	c.list = make([]*secretTask, len(q.list))
	for i, t := range q.list {
		c.list[i] = shallow(t)
	}
	return c
}

// add queues a new task and starts it when no other task is running.
func (q *taskQueue) add(now time.Time, by, typ, trigger, versionID string) *secretTask {
	t := &secretTask{id: "sm-task-" + newUUID(), typ: typ, status: taskQueued, trigger: trigger,
		versionID: versionID, createdBy: by, updatedBy: by, created: now, updated: now}
	q.list = append(q.list, t)
	q.count++
	// Keep the latest maxTasksPerSecret tasks: drop the oldest finished ones
	// (unfinished tasks are never dropped).
	for i := 0; len(q.list) > maxTasksPerSecret && i < len(q.list); {
		if q.list[i].final() {
			q.list = append(q.list[:i], q.list[i+1:]...)
		} else {
			i++
		}
	}
	q.advance(now)
	return t
}

// advance starts the oldest queued task when none is processing.
func (q *taskQueue) advance(now time.Time) {
	for _, t := range q.list {
		if t.status == taskProcessing {
			return
		}
	}
	for _, t := range q.list {
		if t.status == taskQueued {
			t.status, t.started, t.updated, t.updatedBy = taskProcessing, now, now, serviceActor
			return
		}
	}
}

func (q *taskQueue) find(id string) *secretTask {
	for _, t := range q.list {
		if t.id == id {
			return t
		}
	}
	return nil
}

// busy reports whether a task is queued or processing.
func (q *taskQueue) busy() bool {
	for _, t := range q.list {
		if !t.final() {
			return true
		}
	}
	return false
}

// unfinished returns the queued or processing task of type typ for the
// version versionID, if any.
func (q *taskQueue) unfinished(typ, versionID string) *secretTask {
	for _, t := range q.list {
		if !t.final() && t.typ == typ && t.versionID == versionID {
			return t
		}
	}
	return nil
}

// finish records the outcome u of task t after its owner applied it.
func (q *taskQueue) finish(s *store, sec *secret, t *secretTask, u *taskUpdate) *apiError {
	if e := q.owner.completed(s, sec, t, u); e != nil {
		return e
	}
	now := s.now()
	t.status, t.updated, t.updatedBy = u.status, now, u.by
	if u.status == taskFailed {
		t.errors = u.errors
		q.lastFailed = t.id
	}
	q.advance(now)
	return nil
}

// expire fails the processing tasks older than timeout.
func (q *taskQueue) expire(s *store, sec *secret, timeout time.Duration) {
	now := s.now()
	for _, t := range q.list {
		if t.status == taskProcessing && !now.Before(t.started.Add(timeout)) {
			_ = q.finish(s, sec, t, &taskUpdate{status: taskFailed, by: serviceActor, errors: []taskError{{
				Code:        taskTimeoutErrorCode,
				Description: "The task did not complete within the task timeout of the configuration (" + timeout.String() + ").",
			}}})
		}
	}
}

// render adds the task bookkeeping of the secret to m.
func (q *taskQueue) render(m map[string]any) {
	queued := 0
	for _, t := range q.list {
		switch t.status {
		case taskQueued:
			queued++
		case taskProcessing:
			m["processing_task_id"] = t.id
		}
	}
	m["task_count"] = q.count
	m["queued_task_count"] = queued
	if q.lastFailed != "" {
		m["last_failed_task_id"] = q.lastFailed
	}
}

// ---- the task API ----

// secretTasks looks up a secret and its task queue.
func (s *store) secretTasks(id string) (*secret, *taskQueue, *apiError) {
	sec, e := s.secretByID(id)
	if e != nil {
		return nil, nil, e
	}
	q := sec.kind.tasks()
	if q == nil {
		return nil, nil, errBadRequest("secrets of type %s have no tasks", sec.typ)
	}
	return sec, q, nil
}

// task looks up a task of a secret.
func (s *store) task(secretID, taskID string) (*secret, *taskQueue, *secretTask, *apiError) {
	if !reTaskID.MatchString(taskID) {
		return nil, nil, nil, errBadRequest("the task ID %q is not valid", taskID)
	}
	sec, q, e := s.secretTasks(secretID)
	if e != nil {
		return nil, nil, nil, e
	}
	t := q.find(taskID)
	if t == nil {
		return nil, nil, nil, errNotFound(taskID)
	}
	return sec, q, t, nil
}

func (h *Handler) listSecretTasks(w http.ResponseWriter, r *http.Request, p []string) {
	h.do(w, http.StatusOK, func() (any, *apiError) {
		sec, q, e := h.st.secretTasks(p[0])
		if e != nil {
			return nil, e
		}
		out := make([]any, 0, len(q.list))
		for _, t := range q.list {
			out = append(out, t.render(sec.id))
		}
		return map[string]any{"tasks": out}, nil
	})
}

func (h *Handler) getSecretTask(w http.ResponseWriter, r *http.Request, p []string) {
	h.do(w, http.StatusOK, func() (any, *apiError) {
		sec, _, t, e := h.st.task(p[0], p[1])
		if e != nil {
			return nil, e
		}
		return t.render(sec.id), nil
	})
}

// parseTaskUpdate reads the body of ReplaceSecretTask.
func parseTaskUpdate(r *http.Request) (*taskUpdate, *apiError) {
	m, e := readBody(r)
	if e != nil {
		return nil, e
	}
	b := &body{m: m}
	if e := b.required("status"); e != nil {
		return nil, e
	}
	u := &taskUpdate{}
	u.status, _ = b.str("status")
	if b.err != nil {
		return nil, b.err
	}
	switch u.status {
	case taskCredentialsCreated:
		if e := b.required("credentials"); e != nil {
			return nil, e
		}
		var c struct {
			ID      *string        `json:"id"`
			Payload map[string]any `json:"payload"`
		}
		if !b.decode("credentials", &c) {
			return nil, b.err
		}
		if c.ID == nil || *c.ID == "" {
			return nil, errBadRequest("required.credentials.id:property \"id\" is missing")
		}
		if c.Payload == nil {
			return nil, errBadRequest("required.credentials.payload:property \"payload\" is missing")
		}
		u.credentialsID, u.payload = *c.ID, c.Payload
	case taskFailed:
		if e := b.required("errors"); e != nil {
			return nil, e
		}
		var errs []*struct {
			Code        *string `json:"code"`
			Description *string `json:"description"`
		}
		if !b.decode("errors", &errs) {
			return nil, b.err
		}
		if len(errs) < 1 || len(errs) > maxTaskErrors {
			return nil, errBadRequest("property \"errors\" must have between 1 and %d items", maxTaskErrors)
		}
		for _, te := range errs {
			if te == nil || te.Code == nil || te.Description == nil || *te.Code == "" || *te.Description == "" {
				return nil, errBadRequest("every item of \"errors\" needs a code and a description")
			}
			u.errors = append(u.errors, taskError{Code: *te.Code, Description: *te.Description})
		}
	case taskCredentialsDeleted:
	default:
		return nil, errBadRequest("property \"status\" must be credentials_created, credentials_deleted or failed")
	}
	return u, nil
}

func (h *Handler) replaceSecretTask(w http.ResponseWriter, r *http.Request, p []string) {
	u, e := parseTaskUpdate(r)
	if e != nil {
		writeError(w, e)
		return
	}
	h.do(w, http.StatusOK, func() (any, *apiError) {
		s := h.st
		sec, q, t, e := s.task(p[0], p[1])
		if e != nil {
			return nil, e
		}
		if t.final() {
			return nil, errBadRequest("the task %s is %s: a finished task accepts no update", t.id, t.status)
		}
		if (u.status == taskCredentialsCreated && t.typ != taskCreate) ||
			(u.status == taskCredentialsDeleted && t.typ != taskDelete) {
			return nil, errBadRequest("status %s does not fit a %s task", u.status, t.typ)
		}
		u.by = s.cfg.createdBy
		if e := q.finish(s, sec, t, u); e != nil {
			return nil, e
		}
		return t.render(sec.id), nil
	})
}

func (h *Handler) deleteSecretTask(w http.ResponseWriter, r *http.Request, p []string) {
	h.do(w, http.StatusNoContent, func() (any, *apiError) {
		s := h.st
		sec, q, t, e := s.task(p[0], p[1])
		if e != nil {
			return nil, e
		}
		for i, o := range q.list {
			if o == t {
				q.list = append(q.list[:i], q.list[i+1:]...)
				break
			}
		}
		if !t.final() {
			q.owner.cancelled(s, sec, t)
		}
		q.advance(s.now())
		return nil, nil
	})
}
