import Figures
import NeuralNet
import Rendering
import Testing

@Suite struct ProgressRenderingTests {
    let logs = [TrainingProgress.Log("accuracy", 0.77384), TrainingProgress.Log("loss", 0.61566)]

    @Test func finishedLineIsKerasStyle() {
        #expect(ProgressText.line(step: 469, steps: 469, time: 7.2, perStep: 0.0142, logs: logs)
                == "469/469 ━━━━━━━━━━━━━━━━━━━━ 7s 14ms/step - accuracy: 0.7738 - loss: 0.6157")
    }

    @Test func partialBarAndCounterArePadded() {
        let line = ProgressText.line(step: 47, steps: 469, time: 65, perStep: 0.0021, logs: [])
        #expect(line == " 47/469 " + String(repeating: "━", count: 2) + String(repeating: "─", count: 18) + " 1:05 2ms/step")
    }

    @Test func durationsAndStepTimes() {
        #expect(ProgressText.duration(0.4) == "0s")
        #expect(ProgressText.duration(59.6) == "1:00")
        #expect(ProgressText.duration(3725) == "1:02:05")
        #expect(ProgressText.stepTime(2.4) == "2s/step")
        #expect(ProgressText.stepTime(0.0149) == "15ms/step")
        #expect(ProgressText.stepTime(0.00085) == "850us/step")
    }

    @Test func valuesUseFourDecimalsOrScientific() {
        #expect(ProgressText.value(0.12345) == "0.1235")
        #expect(ProgressText.value(0) == "0.0000")
        #expect(ProgressText.value(0.00012345) == "1.2345e-04")
        #expect(ProgressText.value(.nan) == "nan")
        #expect(ProgressText.value(-.infinity) == "-inf")
    }

    @Test func textKeepsALinePerFinishedEpoch() {
        let e1 = TrainingProgress.Epoch(number: 1, steps: 10, seconds: 2, logs: logs)
        let p = TrainingProgress(phase: .running, epoch: 2, epochs: 3, step: 5, steps: 10, elapsed: 1,
                                 logs: logs, finishedEpochs: [e1])
        let lines = ProgressText.render(p).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "Epoch 1/3")
        #expect(lines[1] == "10/10 ━━━━━━━━━━━━━━━━━━━━ 2s 200ms/step - accuracy: 0.7738 - loss: 0.6157")
        #expect(lines[2] == "Epoch 2/3")
        #expect(lines[3].hasPrefix(" 5/10 " + String(repeating: "━", count: 10) + String(repeating: "─", count: 10) + " 1s 200ms/step"))
    }

    @Test func verbose2LineHasTotalAndPerStep() {
        let e = TrainingProgress.Epoch(number: 2, steps: 469, seconds: 6.6, logs: logs)
        #expect(ProgressText.epochLine(e, epochs: nil)
                == "469/469 - 7s - 14ms/step - accuracy: 0.7738 - loss: 0.6157")
        #expect(ProgressText.epochLine(e, epochs: 5)
                == "Epoch 2/5\n469/469 - 7s - 14ms/step - accuracy: 0.7738 - loss: 0.6157")
    }

    @Test func htmlShowsBarEpochStepEtaAndLogs() {
        let p = TrainingProgress(phase: .running, epoch: 1, epochs: 5, step: 100, steps: 400, elapsed: 2,
                                 logs: logs)
        let html = ProgressHTML.render(p)
        #expect(html.contains("width: 25.0%"))
        #expect(html.contains("Epoch 1/5"))
        #expect(html.contains("step 100/400"))
        #expect(html.contains("ETA 6s"))
        #expect(html.contains("accuracy <b>0.7738</b>"))
        #expect(html.contains("loss <b>0.6157</b>"))
    }

    @Test func htmlEscapesTheStopMessageAndMarksIt() {
        let p = TrainingProgress(phase: .stoppedOnNaN, epoch: 1, epochs: 1, step: 3, steps: 9, elapsed: 0.1,
                                 logs: [], message: "loss <nan> & stopped")
        let html = ProgressHTML.render(p)
        #expect(html.contains("loss &lt;nan&gt; &amp; stopped"))
        #expect(html.contains("#c62828"))
    }

    @Test func predictSaysPredictNotEvaluate() {
        for (phase, step) in [(TrainingProgress.Phase.started, 0), (.running, 3), (.finished, 10), (.interrupted, 4)] {
            let p = TrainingProgress(phase: phase, kind: .predict, epoch: 1, epochs: 1, step: step, steps: 10,
                                     elapsed: 0.3, logs: [])
            let html = ProgressHTML.render(p)
            #expect(html.contains("<b>Predict</b> step \(step)/10"), "\(phase)")
            #expect(!html.contains("Evaluate") && !html.contains("Epoch"), "\(phase)")
            // Keras labels neither evaluate's bar nor predict's: the text is the bar line alone.
            let text = ProgressText.render(p)
            #expect(text.hasPrefix("\(step < 10 ? " " : "")\(step)/10 "), "\(phase)")
            #expect(!text.lowercased().contains("evaluat") && !text.contains("Epoch"), "\(phase)")
        }
    }

    @Test func evaluateSaysEvaluate() {
        let p = TrainingProgress(phase: .running, kind: .evaluate, epoch: 1, epochs: 1, step: 5, steps: 10,
                                 elapsed: 0.5, logs: logs)
        #expect(ProgressHTML.render(p).contains("<b>Evaluate</b> step 5/10"))
        #expect(!ProgressHTML.render(p).contains("Predict"))
        #expect(ProgressText.render(p).hasPrefix(" 5/10 "))
        #expect(p.isEvaluation)
    }

    @Test func finishedFitShowsOnlyEpochLines() {
        let e = TrainingProgress.Epoch(number: 1, steps: 4, seconds: 1, logs: logs)
        let p = TrainingProgress(phase: .finished, epoch: 1, epochs: 1, step: 4, steps: 4, elapsed: 1,
                                 logs: logs, finishedEpochs: [e])
        #expect(ProgressText.render(p) == "Epoch 1/1\n4/4 ━━━━━━━━━━━━━━━━━━━━ 1s 250ms/step - accuracy: 0.7738 - loss: 0.6157")
        #expect(ProgressHTML.render(p).ranges(of: "Epoch 1/1").count == 1)
    }
}
