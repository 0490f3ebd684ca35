/// Where a `fit`, `evaluate` or `predict` is, as plain data: the Rendering module draws it as
/// Keras's one-line progress bar (text) or as an HTML bar with a line per finished epoch.
public struct TrainingProgress: Sendable, Equatable {
    /// The call being shown: `fit` has epochs; `evaluate` and `predict` are one pass each.
    public enum Kind: Sendable, Equatable {
        case fit, evaluate, predict
    }

    public enum Phase: Sendable, Equatable {
        /// Before the first batch.
        case started
        /// After a batch.
        case running
        /// After an epoch's last batch and its validation.
        case epochEnded
        /// All epochs done.
        case finished
        /// Stopped by the user (interrupt) after `step` batches of `epoch`.
        case interrupted
        /// Stopped because the loss was not a finite number.
        case stoppedOnNaN
    }

    /// One finished epoch.
    public struct Epoch: Sendable, Equatable {
        /// 1-based.
        public var number: Int
        public var steps: Int
        public var seconds: Double
        /// `accuracy`, `loss`, then `val_accuracy`, `val_loss`.
        public var logs: [Log]

        public init(number: Int, steps: Int, seconds: Double, logs: [Log]) {
            self.number = number; self.steps = steps; self.seconds = seconds; self.logs = logs
        }
    }

    public struct Log: Sendable, Equatable {
        public var name: String
        public var value: Double
        public init(_ name: String, _ value: Double) { self.name = name; self.value = value }
    }

    public var phase: Phase
    public var kind: Kind
    /// `evaluate` or `predict`: one pass and no epoch line.
    public var isEvaluation: Bool { kind != .fit }
    /// The current epoch, 1-based.
    public var epoch: Int
    public var epochs: Int
    /// Batches done in the current epoch.
    public var step: Int
    public var steps: Int
    /// Seconds since the current epoch began.
    public var elapsed: Double
    /// Running means over the current epoch's batches so far.
    public var logs: [Log]
    public var finishedEpochs: [Epoch]
    /// Why training stopped early, for the user (interrupt, NaN loss).
    public var message: String?

    public init(phase: Phase, kind: Kind = .fit, epoch: Int, epochs: Int, step: Int, steps: Int,
                elapsed: Double, logs: [Log], finishedEpochs: [Epoch] = [], message: String? = nil) {
        self.phase = phase; self.kind = kind; self.epoch = epoch; self.epochs = epochs
        self.step = step; self.steps = steps; self.elapsed = elapsed; self.logs = logs
        self.finishedEpochs = finishedEpochs; self.message = message
    }

    /// Seconds per step so far, and the estimated seconds left in this epoch.
    public var secondsPerStep: Double { step > 0 ? elapsed / Double(step) : 0 }
    public var eta: Double { Double(max(steps - step, 0)) * secondsPerStep }
}

/// Receives the progress of `fit`, `evaluate` and `predict`, and may ask them to stop.
public protocol TrainingObserver: AnyObject {
    /// Called before the first batch, after every batch, at the end of every epoch and once at
    /// the end; a display should throttle what it shows.
    func progress(_ progress: TrainingProgress)
    /// Checked before every batch; true stops the loop, which then throws `TrainingInterrupted`.
    var shouldStop: Bool { get }
    /// Checked after every epoch; true ends training there, normally (a callback set
    /// `model.stop_training`).
    var stopAfterEpoch: Bool { get }
}

extension TrainingObserver {
    public var stopAfterEpoch: Bool { false }
}

/// Thrown by `fit`/`evaluate`/`predict` when the observer asked to stop. The weights keep what
/// the finished batches taught them.
public struct TrainingInterrupted: Error, Sendable, CustomStringConvertible {
    /// What was running: `fit`'s training, or an evaluation or prediction (which change no weights).
    public enum Task: String, Sendable { case training, evaluation, prediction }
    public var task: Task = .training
    public var epoch: Int
    public var step: Int
    public var steps: Int

    public init(_ task: Task = .training, epoch: Int, step: Int, steps: Int) {
        self.task = task; self.epoch = epoch; self.step = step; self.steps = steps
    }

    public var description: String {
        guard task == .training else { return "\(task.rawValue) was interrupted after \(step) of \(steps) steps" }
        return "training was interrupted during epoch \(epoch), after \(step) of \(steps) steps; the weights keep "
            + "what the finished steps taught them"
    }
}
