"""Prevention campaigns: files, approval, audiences, the broadcast sender, statistics."""
