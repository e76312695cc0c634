"""Demo and benchmark data: management commands only (seed_demo, seed_scale). See docs/demo.md."""
