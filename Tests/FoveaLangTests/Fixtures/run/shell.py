# Shell lines and IPython's magics, as a tutorial's first cells use them.
!echo hello from the shell
# out: hello from the shell
# ---
!echo to stderr 1>&2
# err: to stderr
# ---
!exit 3
print('a failing command does not stop the cell')
# out: a failing command does not stop the cell
# ---
!pip install scikit-learn
# error: ModuleNotFoundError: Fovea runs no Python packages, so scikit-learn cannot be installed
# ---
!pip install -q math
# out: Fovea provides math itself: nothing to install.
# ---
%pip freeze
# error: UsageError: Fovea's %pip only answers 'install'. Received: %pip freeze
# ---
%matplotlib inline
x = 1
x
# result: 1
# ---
%env FOVEA_FIXTURE_VAR=42
# out: env: FOVEA_FIXTURE_VAR=42
# ---
!echo $FOVEA_FIXTURE_VAR
# out: 42
# ---
%env FOVEA_FIXTURE_VAR
# result: '42'
# ---
%load_ext autoreload
# error: ModuleNotFoundError: No module named 'autoreload': Fovea cannot load IPython extensions
