package dev.fer.trainer.data;

/** Faces plus the summary of how they were loaded. */
public record LoadedFaces(FaceSet faces, LoadSummary summary) {}
