package secretsmanagertest

import (
	"math/rand/v2"
	"time"
)

// faultRand draws the chances of Fault.Probability; it is guarded by
// faultSet.mu.
type faultRand struct {
	r    *rand.Rand
	seed uint64
}

// WithFaultSeed seeds the draws of Fault.Probability: two handlers with the
// same seed that get the same requests in the same order affect the same
// ones. Without it the seed is random (FaultSeed tells it).
func WithFaultSeed(seed uint64) Option {
	return func(c *config) { c.faultSeed = &seed }
}

// seed sets the generator up; seed nil picks one.
func (s *faultSet) seed(seed *uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := uint64(time.Now().UnixNano())
	if seed != nil {
		v = *seed
	}
	s.rng = faultRand{r: rand.New(rand.NewPCG(v, v^0x9e3779b97f4a7c15)), seed: v}
}

// draw reports true with probability p.
func (f *faultRand) draw(p float64) bool { return f.r.Float64() < p }

// FaultSeed returns the seed of the draws of Fault.Probability.
func (h *Handler) FaultSeed() uint64 {
	h.faults.mu.Lock()
	defer h.faults.mu.Unlock()
	return h.faults.rng.seed
}

// SetFaultSeed restarts the draws of Fault.Probability from seed.
func (h *Handler) SetFaultSeed(seed uint64) { h.faults.seed(&seed) }
