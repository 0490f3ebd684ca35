# Type annotations, typing and dataclasses as tutorials write them. Annotations are not checked;
# a class body and the cell record them as text. Every cell prints what CPython prints
# (test_fixtures_cpython.py runs this file through python3 too).
from typing import List, Tuple, Optional, Dict
def split(xs: List[int], at: int = 1) -> Tuple[List[int], List[int]]:
    return xs[:at], xs[at:]
def scale(*values: float, factor: float = 2.0, **extra: str) -> List[float]:
    return [v * factor for v in values]
count: int = 3
label: Optional[str]
print(split([1, 2, 3]), scale(1, 2), count)
# out: ([1], [2, 3]) [2.0, 4.0] 3
# ---
print(Optional[int], Dict[str, List[int]])
# out: typing.Optional[int] typing.Dict[str, typing.List[int]]
# ---
def main():
    print("main ran in", __name__)
if __name__ == "__main__":
    main()
# out: main ran in __main__
# ---
from dataclasses import dataclass, field, asdict, fields
@dataclass
class TrainConfig:
    epochs: int
    batch_size: int = 32
    layers: List[int] = field(default_factory=list)
    name: str = "run"
c = TrainConfig(5, layers=[32, 64])
print(c)
print(c == TrainConfig(5, 32, [32, 64]), c == TrainConfig(6), asdict(c))
print([f.name for f in fields(c)], TrainConfig(1).layers is TrainConfig(1).layers)
# out: TrainConfig(epochs=5, batch_size=32, layers=[32, 64], name='run')
# out: True False {'epochs': 5, 'batch_size': 32, 'layers': [32, 64], 'name': 'run'}
# out: ['epochs', 'batch_size', 'layers', 'name'] False
# ---
@dataclass
class Scaled(TrainConfig):
    factor: float = 1.0
    def __post_init__(self):
        self.steps = self.epochs * 10
s = Scaled(2, factor=0.5)
print(s, s.steps)
# out: Scaled(epochs=2, batch_size=32, layers=[], name='run', factor=0.5) 20
# ---
TrainConfig()
# error: TypeError: TrainConfig.__init__() missing 1 required positional argument: 'epochs'
# ---
@dataclass
class Bad:
    a: int = 1
    b: int
# error: TypeError: non-default argument 'b' follows default argument
# ---
@dataclass
class Shared:
    items: list = []
# error: ValueError: mutable default <class 'list'> for field items is not allowed: use default_factory
