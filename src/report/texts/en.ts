import type { ReportTexts } from './types.js';

export const en: ReportTexts = {
  title: (set) => `Class report: ${set || 'set'}`,
  documentName: 'class report',
  graded: (students, file) => `${students} students graded from \`${file}\`.`,
  noSubmission: (students) =>
    `${students} of them submitted no answer at all: they are left out of every figure below (grades.csv lists them).`,
  nobodySubmitted: 'No student submitted any answer: there is nothing to chart or analyse.',
  oneStudent:
    'The class has one student with answers: a part cannot discriminate between students, so the discrimination columns say so instead of giving a number.',
  meanAndMedian: (mean, median) => `Mean score ${mean} %, median ${median} %.`,
  percent: (value) => `${value} %`,
  sections: {
    scores: 'Score distribution',
    scoresByProblem: 'Score distribution per problem',
    verdicts: 'Verdicts per part',
    misconceptions: 'Misconceptions',
    chains: 'Where the errors start',
    items: 'Item analysis',
  },
  intro: {
    verdicts: 'Each bar is one part, in the order of the sheet: the step where the class breaks down is where the green ends.',
    misconceptions: 'Answers that matched a catalogued wrong method, by misconception.',
    chains:
      "For each problem, the part where a student's first error is (the first part, in part order, that is not correct): the root of their chain of carried errors.",
    items:
      'Facility is the mean share of the part\'s points earned; r is the correlation of the part score with the rest of the test; D is the mean part score of the top 27 % by total minus that of the bottom 27 %; missing is the share of blank answers. The README gives the formulas. A part is flagged when r or D is below 0.2, or its facility above 0.95.',
  },
  noMisconception: 'No catalogued misconception was matched.',
  allCorrect: (problem, students) => `${problem}: ${students} students got every part right.`,
  axes: {
    score: 'score (% of the points)',
    students: 'students',
    shareOfAnswers: 'share of the answers',
    answers: 'answers',
    firstError: 'students whose first error is here',
    verdict: 'verdict',
    problem: 'problem',
  },
  itemColumns: ['part', 'students', 'facility', 'r', 'D (27 %)', 'missing', 'flag'],
  flags: {
    'nobody-answered': 'nobody answered',
    'too-easy': 'too easy',
    'low-discrimination': 'low discrimination',
  },
  noDiscrimination: {
    'one-student': 'one student',
    'no-student': 'no student',
    'same-score': 'all alike',
  },
  flagged: (part, flags) => `${part}: ${flags}`,
  noneFlagged: 'No part is flagged.',
};
