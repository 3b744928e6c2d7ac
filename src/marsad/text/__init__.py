"""Arabic text layer: offset-preserving normalization, segmentation, dates."""
