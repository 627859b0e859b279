import { isolatedLtr as ltr } from '../../text/bidi-isolates.js';
import type { ReportTexts } from './types.js';

export const fa: ReportTexts = {
  title: (set) => `گزارش کلاس: ${set || 'set'}`,
  documentName: 'گزارش کلاس',
  pageLabel: 'صفحهٔ {page} از {count}',
  graded: (students, file) => `${students} دانشجو از \`${file}\` تصحیح شدند.`,
  noSubmission: (students) =>
    `${students} نفر از آنان هیچ پاسخی نفرستادند: در هیچ‌یک از نمودارها و جدول‌های زیر نیامده‌اند (در grades.csv هستند).`,
  nobodySubmitted: 'هیچ دانشجویی پاسخی نفرستاده است: چیزی برای رسم یا تحلیل نیست.',
  oneStudent:
    'در این کلاس تنها یک دانشجو پاسخ داده است: هیچ بخشی نمی‌تواند میان دانشجویان تمایز بگذارد، پس ستون‌های قدرت تمایز به‌جای عدد همین را می‌گویند.',
  meanAndMedian: (mean, median) => `میانگین نمره ${ltr(`${mean}%`)}، میانه ${ltr(`${median}%`)}.`,
  percent: (value) => ltr(`${value}%`),
  sections: {
    scores: 'توزیع نمره‌ها',
    scoresByProblem: 'توزیع نمره‌ها در هر مسئله',
    verdicts: 'نتیجهٔ هر بخش',
    misconceptions: 'بدفهمی‌ها',
    chains: 'خطاها از کجا شروع می‌شوند',
    items: 'تحلیل بخش‌ها',
  },
  intro: {
    verdicts: 'هر نوار یک بخش است، به ترتیب برگهٔ تمرین: گامی که کلاس در آن درمی‌ماند جایی است که رنگ سبز تمام می‌شود.',
    misconceptions: 'پاسخ‌هایی که با یکی از روش‌های نادرستِ فهرست‌شده جور درآمدند، به تفکیک بدفهمی.',
    chains:
      'برای هر مسئله، بخشی که نخستین خطای دانشجو در آن است (نخستین بخش، به ترتیب بخش‌ها، که درست نیست): ریشهٔ زنجیرهٔ خطاهای منتقل‌شدهٔ او.',
    items:
      'سهولت میانگینِ سهمِ به‌دست‌آمده از نمرهٔ بخش است؛ r همبستگی نمرهٔ بخش با نمرهٔ بقیهٔ آزمون است؛ D میانگین نمرهٔ بخش در 27% بالای کلاس (بر پایهٔ نمرهٔ کل) منهای همان در 27% پایین است؛ بی‌پاسخ سهم پاسخ‌های خالی است. فرمول‌ها در README آمده‌اند. بخشی که r یا D آن کمتر از 0.2 یا سهولتش بیشتر از 0.95 باشد علامت می‌خورد.',
  },
  noMisconception: 'هیچ‌یک از بدفهمی‌های فهرست‌شده دیده نشد.',
  allCorrect: (problem, students) => `${problem}: ${students} دانشجو همهٔ بخش‌ها را درست پاسخ دادند.`,
  axes: {
    score: 'نمره (درصد از کل)',
    students: 'دانشجویان',
    shareOfAnswers: 'سهم پاسخ‌ها',
    answers: 'پاسخ‌ها',
    firstError: 'دانشجویانی که نخستین خطایشان اینجاست',
    verdict: 'نتیجه',
    problem: 'مسئله',
  },
  itemColumns: ['بخش', 'دانشجویان', 'سهولت', 'r', ltr('D (27%)'), 'بی‌پاسخ', 'علامت'],
  flags: {
    'nobody-answered': 'بی‌پاسخ از همه',
    'too-easy': 'بیش از حد آسان',
    'low-discrimination': 'تمایز کم',
  },
  noDiscrimination: {
    'one-student': 'تنها یک دانشجو',
    'no-student': 'بدون دانشجو',
    'same-score': 'همه یکسان',
  },
  flagged: (part, flags) => `${part}: ${flags}`,
  noneFlagged: 'هیچ بخشی علامت نخورده است.',
};
