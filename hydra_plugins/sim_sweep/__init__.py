"""The project's Hydra plugins: a launcher that reuses whole runs and shows progress, and
a sweeper that validates each distinct config once (see launcher.py). Hydra finds
plugins only under the `hydra_plugins` namespace, hence this package beside `sim`."""
