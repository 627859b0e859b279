import type { LocaleTexts } from './types.js';

export const en: LocaleTexts = {
  ltr: (text) => text,
  listSeparator: ', ',
  fraction: (earned, max) => `${earned} / ${max}`,

  // The same mistake gets the same explanation in every family.
  misconceptions: {
    'update-sign':
      'The update moved the weights uphill. Gradient descent steps against the gradient: w_new = w − η·∂L/∂w (minus), not w + η·∂L/∂w.',
    'transposed-gradient':
      'Your dW is transposed. Row i of W belongs to class i, so dW[i][j] = dz_i·x_j (the outer product dz·xᵀ, shaped like W), not x_i·dz_j.',
    'sum-not-mean':
      'You summed the per-sample gradients. The loss of a step is the mean over its samples, so the gradient is the mean too: divide the sum by the number of samples in the step.',
    'error-sign':
      'The error term has the wrong sign. With cross-entropy on a sigmoid or softmax output, ∂L/∂z = ŷ − y, not y − ŷ.',
    'extra-sigmoid-derivative':
      'You multiplied by σ′(z) = ŷ(1 − ŷ) once too often. With cross-entropy, ∂L/∂ŷ already carries 1/(ŷ(1 − ŷ)), which cancels it: ∂L/∂z = ŷ − y.',
    'log10-loss':
      'The loss uses the natural logarithm ln, not log₁₀. On most calculators that is the "ln" key, not "log".',
    'forgot-learning-rate':
      'The gradient step is scaled by the learning rate: w_new = w − η·∂L/∂w. You subtracted the gradient without multiplying it by η.',
    'softmax-without-exp':
      'Softmax exponentiates before it normalises: ŷ_i = e^(z_i) / Σ_j e^(z_j), not z_i / Σ_j z_j.',
    'sgd-instead-of-batch':
      'You updated the weights after every sample. A batch (or mini-batch) step computes the gradient of every sample of the step with the same weights, averages them, then updates once.',
    'missing-factor-2':
      'The factor 2 of the squared error is off. d/dŷ (y − ŷ)² = −2(y − ŷ) = 2(ŷ − y): with loss = mean (y − ŷ)² the gradient keeps the 2; only with the ½ convention (loss = ½ · mean (y − ŷ)²) does the ½ cancel it, leaving (ŷ − y). Check which loss the sheet prints.',
    'forgot-activation-derivative':
      "The chain rule passes through the activation: ∂L/∂w = ∂L/∂ŷ · f′(net) · ∂net/∂w. With a sigmoid output f′(net) = ŷ(1 − ŷ); you left that factor out (it is 1 only for a linear output).",
    'missed-path':
      'A hidden unit reaches the loss through every output unit, so its gradient is the sum over all those paths: ∂L/∂a1_j = Σ_i ∂L/∂net2_i · W2[i][j] (da1 = W2ᵀ·dnet2). You kept only the path through the first output unit; the first-layer gradients built on it (dnet1, dW1, db1) inherit the gap.',
    'wrong-layer-input':
      "A weight's gradient is its unit's error times the input that weight multiplies: dW2[i][j] = dnet2_i · a1_j (the hidden activations feed layer 2), dW1[i][j] = dnet1_i · x_j (the network input feeds layer 1). You used the other layer's input.",
  },

  misconceptionTitles: {
    'update-sign': 'Update moved uphill (w + η·∂L/∂w)',
    'transposed-gradient': 'Transposed dW (x_i·dz_j)',
    'sum-not-mean': 'Summed instead of averaged',
    'error-sign': 'Error term sign flipped (y − ŷ)',
    'extra-sigmoid-derivative': 'Extra σ′(z) factor',
    'log10-loss': 'log₁₀ instead of ln',
    'forgot-learning-rate': 'Learning rate left out',
    'softmax-without-exp': 'Softmax without exp',
    'sgd-instead-of-batch': 'Updated after every sample',
    'missing-factor-2': 'Factor 2 of the squared error off',
    'forgot-activation-derivative': 'Activation derivative left out',
    'missed-path': 'Only one path back to a hidden unit',
    'wrong-layer-input': "Other layer's input used",
  },

  verdictNames: {
    correct: 'correct',
    ecf: 'ecf',
    misconception: 'misconception',
    incorrect: 'incorrect',
    invalid: 'invalid',
    missing: 'missing',
  },
  verdictMarks: {
    correct: '✓ correct',
    ecf: '✓ ecf (from your earlier answer)',
    misconception: '✗ misconception',
    incorrect: '✗ incorrect',
    invalid: '✗ not a number',
    missing: '– missing',
  },

  partFeedback: {
    missing: 'no answer',
    invalid: (why) => `could not be read as a number because ${why}`,
    ecf: (carried, value) => `marked with your earlier answer for ${carried}: from it this part is ${value}, as you found`,
    incorrect: 'outside the tolerance of the key',
    incorrectTrivial: (carried) =>
      `outside the tolerance of the key; it does follow from your earlier answer for ${carried}, but carrying that ` +
      'value forward makes this part trivial (a zero error or gradient), so it earns no credit',
  },
  invalidReasons: {
    'longer than 80 characters': 'it is longer than 80 characters',
    'spaces inside the number': 'there are spaces inside it',
    'two exponents': 'it has two exponents',
    'ambiguous or misplaced separators': 'its decimal point or commas are ambiguous or misplaced',
    'not a number': 'it holds more than digits, a sign, a decimal point and a power of ten',
    'too large or too small': 'it is too large or too small',
  },

  feedbackFile: {
    title: (who) => `Feedback for ${who}`,
    total: (score) => `Total: **${score}**`,
    noSubmission: 'No submission: none of your answers was received, so your score is left empty.',
    cutAnswer: (length) => `(${length.toLocaleString('en-US')} characters)`,
    columns: ['part', 'your answer', 'key', 'verdict', 'points'],
  },

  report: {
    title: (set) => `Grading report: ${set || 'set'}`,
    variants: (file, students) => `Variants: \`${file}\` (${students} ${students === 1 ? 'student' : 'students'})`,
    submissions: ({ file, layout, read, graded, rejected }) =>
      layout === 'sheets'
        ? `Submissions: \`${file}\` (filled PDF sheets): ${read} file${read === 1 ? '' : 's'} read, ${graded} graded, ${rejected} rejected (see rejected.csv)`
        : `Submissions: \`${file}\` (${layout === 'moodle' ? 'Moodle responses report' : `${layout} layout`}): ${read} rows read, ${graded} graded, ${rejected} rejected (see rejected.csv)`,
    note: (text) => `Note: ${text}`,
    scoreDistribution: 'Score distribution',
    scoreColumns: ['total score', 'students'],
    percent: (value) => `${value} %`,
    range: (from, to) => `${from}–${to} %`,
    meanAndMedian: (mean, median) => `Mean ${mean} %, median ${median} %.`,
    noSubmission: 'No submission',
    noSubmissionCount: (n, scoredZero) =>
      `${n} ${n === 1 ? 'student' : 'students'} handed in no answer` +
      (scoredZero
        ? '; --missing-as-zero scored them 0, counted in the figures above:'
        : ': grades.csv leaves their score empty, and the figures above leave them out:'),
    problem: (problem, mean) => (mean === null ? problem : `${problem} — mean ${mean} %`),
    part: 'part',
    noMisconception: 'No catalogued misconception was matched.',
    commonMisconceptions: 'Most common misconceptions:',
    misconceptionColumns: ['misconception', 'answers', 'most often in'],
  },
};
