# help() and ? on a class written in a cell: how to make one, its docstring, its methods.
class Config:
    """What a run trains with."""
    def __init__(self, epochs=2, *, seed=None):
        self.epochs = epochs
    def steps(self, n, batch_size=32):
        """Steps per epoch for n samples.

        Rounded up."""
        return -(-n // batch_size)
    @staticmethod
    def default():
        return Config()
    def _hidden(self):
        pass
class Tuned(Config):
    def steps(self, n):
        return 1
help(Config)
# out: class Config(epochs=2, *, seed=None)
# out: 
# out: What a run trains with.
# out: 
# out: Methods:
# out:   default()
# out:   steps(n, batch_size=32) - Steps per epoch for n samples.
# ---
help(Tuned)
# out: class Tuned(epochs=2, *, seed=None)
# out: 
# out: A class defined in the notebook, derived from Config.
# out: 
# out: Methods:
# out:   steps(n)
# out:   default()
