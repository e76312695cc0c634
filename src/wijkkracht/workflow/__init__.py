"""One workflow shape for every model with states: a transition map per model, one transition service, a
history row per move. See docs/architecture.md, section "Workflow", and ADR 0004."""
