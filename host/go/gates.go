package dsplan

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// FeatureGate sets one Kubernetes feature gate.
type FeatureGate struct {
	Name    string
	Enabled bool
}

// FeatureGates are applied in order (so `AllAlpha` first, then single gates, behaves as on the
// CLI). The JSON form is an object whose keys keep this order; nil means the defaults.
type FeatureGates []FeatureGate

// MarshalJSON writes the gates as a JSON object in order.
func (g FeatureGates) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, gate := range g {
		if i > 0 {
			b.WriteByte(',')
		}
		name, err := json.Marshal(gate.Name)
		if err != nil {
			return nil, err
		}
		b.Write(name)
		fmt.Fprintf(&b, ":%t", gate.Enabled)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads a JSON object of booleans, keeping the order of its keys.
func (g *FeatureGates) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return fmt.Errorf("dsplan: feature gates must be a JSON object of booleans")
	}
	gates := FeatureGates{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("dsplan: feature gates: %w", err)
		}
		name, _ := tok.(string)
		var enabled bool
		if err := dec.Decode(&enabled); err != nil {
			return fmt.Errorf("dsplan: feature gate %q: %w", name, err)
		}
		gates = append(gates, FeatureGate{Name: name, Enabled: enabled})
	}
	*g = gates
	return nil
}
