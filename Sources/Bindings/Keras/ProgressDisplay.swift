import FoveaLang
import NeuralNet

/// Shows the progress of `fit`/`evaluate` as Keras's `verbose` asks, and stops them when the
/// user interrupts.
///
/// - verbose 1 (and 'auto'): one display, shown at the start and updated in place (same
///   display id) at most ten times a second, and at every epoch's end and at the finish.
/// - verbose 2: one text line per finished epoch.
/// - verbose 0: nothing.
final class ProgressDisplay: TrainingObserver {
    let context: CallContext
    let verbose: Int
    let displayID: String
    private var shown = false
    private var lastUpdate = Stopwatch()
    private var sinceLast = 0.0

    static let minimumInterval = 0.1

    init(context: CallContext, verbose: Int) {
        self.context = context
        self.verbose = verbose
        displayID = context.newDisplayID()
    }

    var shouldStop: Bool { context.isInterrupted }

    func progress(_ p: TrainingProgress) {
        switch verbose {
        case 0: return
        case 2:
            if p.phase == .epochEnded, let e = p.finishedEpochs.last {
                context.write(EpochLine(epoch: e, epochs: p.epochs))
                context.flush()
            } else if p.isEvaluation, p.phase == .finished {
                context.write(EpochLine(epoch: TrainingProgress.Epoch(number: 1, steps: p.steps, seconds: p.elapsed, logs: p.logs),
                                        epochs: nil))
            }
        default:
            let data = p
            if !shown {
                shown = true
                context.display(data, displayID: displayID)
                lastUpdate = Stopwatch()
                return
            }
            if p.phase == .running, lastUpdate.seconds < ProgressDisplay.minimumInterval { return }
            context.updateDisplay(data, displayID: displayID)
            lastUpdate = Stopwatch()
        }
    }
}
