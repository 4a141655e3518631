"""The action server: thin actions that read slots and entities, ask knowledge/, and reply."""
