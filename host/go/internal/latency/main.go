// Command latency measures the planner's cold and steady-state latency on a snapshot:
//
//	go run ./internal/latency -snapshot snap.json -daemonsets ds.json [-cache DIR]
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"time"

	dsplan "github.com/dsplan/dsplan/host/go"
)

func main() {
	snapshot := flag.String("snapshot", "", "cluster snapshot file")
	daemonSets := flag.String("daemonsets", "", "proposed DaemonSets file (optional)")
	cache := flag.String("cache", "", "wazero compilation cache directory (empty: none)")
	runs := flag.Int("runs", 20, "steady-state calls")
	flag.Parse()
	docs := []dsplan.Document{{Name: *snapshot, Text: read(*snapshot), Role: dsplan.RoleSnapshot}}
	if *daemonSets != "" {
		docs = append(docs, dsplan.Document{Name: *daemonSets, Text: read(*daemonSets), Role: dsplan.RoleProposed})
	}
	ctx := context.Background()
	start := time.Now()
	p, err := dsplan.New(ctx, dsplan.Options{CompilationCache: *cache, NoCompilationCache: *cache == ""})
	if err != nil {
		log.Fatal(err)
	}
	defer p.Close(ctx)
	ready := time.Since(start)
	if _, err := p.PlanJSON(ctx, docs, nil); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("cold: New %v, first plan %v, total %v\n", ready, time.Since(start)-ready, time.Since(start))
	times := make([]time.Duration, *runs)
	for i := range times {
		t := time.Now()
		if _, err := p.PlanJSON(ctx, docs, nil); err != nil {
			log.Fatal(err)
		}
		times[i] = time.Since(t)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	fmt.Printf("steady (%d calls): min %v, median %v, max %v\n", *runs, times[0], times[len(times)/2], times[len(times)-1])
}

func read(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	return string(data)
}
