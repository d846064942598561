"""Deployment past one process: immutable snapshots of a store for read-only serving nodes."""
