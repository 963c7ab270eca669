"""Production: from a planned storyboard to finished files (voice, render, sound, edit)."""
