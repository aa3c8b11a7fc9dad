// Command reconcile is a controller-shaped loop fed from files: every interval it re-reads a
// cluster snapshot and proposed DaemonSets, plans them, and logs what changed since last time.
//
//	go run ./examples/reconcile -snapshot cluster.yaml -daemonsets ds.yaml -interval 10s
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"time"

	dsplan "github.com/dsplan/dsplan/host/go"
)

func main() {
	snapshot := flag.String("snapshot", "", "cluster snapshot (YAML or JSON)")
	daemonSets := flag.String("daemonsets", "", "proposed DaemonSets (optional)")
	interval := flag.Duration("interval", 10*time.Second, "resync period")
	once := flag.Bool("once", false, "reconcile once and exit")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	planner, err := dsplan.New(ctx, dsplan.Options{CompilationCache: os.TempDir() + "/dsplan-wazero"})
	if err != nil {
		log.Fatal(err)
	}
	defer planner.Close(context.Background())

	last := map[string]dsplan.Action{}
	for {
		if err := reconcile(ctx, planner, *snapshot, *daemonSets, last); err != nil {
			log.Printf("reconcile: %v", err) // a bad file is logged; the loop keeps going
		}
		if *once {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(*interval):
		}
	}
}

// reconcile plans once and logs every (DaemonSet, node) action that differs from last.
func reconcile(ctx context.Context, planner *dsplan.Planner, snapshot, daemonSets string, last map[string]dsplan.Action) error {
	docs, err := documents(snapshot, daemonSets)
	if err != nil {
		return err
	}
	report, err := planner.Plan(ctx, docs, nil)
	if err != nil {
		return err // *dsplan.Error carries file, line and column
	}
	for _, ds := range report.DaemonSets {
		s := ds.Summary
		log.Printf("%s/%s: desired %d, create %d, delete %d, pending %d", ds.Namespace, ds.Name,
			s.DesiredNumberScheduled, s.Creates, s.Deletes, s.Pending)
		for _, n := range ds.Nodes {
			key := fmt.Sprintf("%s/%s@%s", ds.Namespace, ds.Name, n.Node)
			if last[key] != n.Action {
				log.Printf("  %s: %s -> %s %v", n.Node, last[key], n.Action, n.Reasons)
				last[key] = n.Action
			}
		}
	}
	return nil
}

func documents(snapshot, daemonSets string) ([]dsplan.Document, error) {
	text, err := os.ReadFile(snapshot)
	if err != nil {
		return nil, err
	}
	docs := []dsplan.Document{{Name: snapshot, Text: string(text), Role: dsplan.RoleSnapshot}}
	if daemonSets != "" {
		text, err := os.ReadFile(daemonSets)
		if err != nil {
			return nil, err
		}
		docs = append(docs, dsplan.Document{Name: daemonSets, Text: string(text), Role: dsplan.RoleProposed})
	}
	return docs, nil
}
