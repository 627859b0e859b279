import { isolatedLtr } from '../../text/bidi-isolates.js';
import type { LocaleTexts } from './types.js';

/**
 * Left-to-right isolate: a formula, a negative number or `3 / 4` keeps its
 * order inside a right-to-left line (else `-0.25` shows as `0.25-` and
 * `3 / 4` as `4 / 3`).
 */
const ltr = isolatedLtr;

// The course notes' terms (000, 001, 003): تابع ضرر، گرادیان کاهشی، نرخ یادگیری،
// بایاس، وزن‌ها، ترم خطا، قاعدهٔ زنجیره‌ای، لایهٔ پنهان، نمونه، دسته، مینی‌بچ;
// Cross-Entropy and Softmax in Latin letters, as the notes write them. The
// student is addressed as شما, as on the sheets.
export const fa: LocaleTexts = {
  ltr,
  listSeparator: '، ',
  fraction: (earned, max) => ltr(`${earned} / ${max}`),

  misconceptions: {
    'update-sign':
      `به‌روزرسانی، وزن‌ها را در جهت افزایش ضرر برده است. گرادیان کاهشی خلاف جهت گرادیان گام برمی‌دارد: ${ltr('w_new = w − η·∂L/∂w')} (با علامت منفی)، نه ${ltr('w + η·∂L/∂w')}.`,
    'transposed-gradient':
      `ماتریس dW شما ترانهاده شده است. سطر i از W به کلاس i تعلق دارد، پس ${ltr('dW[i][j] = dz_i·x_j')} (ضرب خارجی ${ltr('dz·xᵀ')}، هم‌شکلِ W)، نه ${ltr('x_i·dz_j')}.`,
    'sum-not-mean':
      'گرادیان‌های نمونه‌ها را با هم جمع کرده‌اید. ضررِ هر گام میانگینِ ضرر روی نمونه‌های همان گام است، پس گرادیان هم میانگین است: مجموع را بر تعداد نمونه‌های آن گام تقسیم کنید.',
    'error-sign':
      `علامت ترم خطا برعکس است. با Cross-Entropy روی خروجی سیگموید یا Softmax، ${ltr('∂L/∂z = ŷ − y')} است، نه ${ltr('y − ŷ')}.`,
    'extra-sigmoid-derivative':
      `یک بار اضافه در ${ltr('σ′(z) = ŷ(1 − ŷ)')} ضرب کرده‌اید. با Cross-Entropy، خودِ ${ltr('∂L/∂ŷ')} ضریب ${ltr('1/(ŷ(1 − ŷ))')} را دارد که این مشتق را خنثی می‌کند: ${ltr('∂L/∂z = ŷ − y')}.`,
    'log10-loss':
      'تابع ضرر با لگاریتم طبیعی ln نوشته می‌شود، نه با log₁₀. در بیشتر ماشین‌حساب‌ها این همان دکمهٔ «ln» است، نه «log».',
    'forgot-learning-rate':
      `گام گرادیان در نرخ یادگیری ضرب می‌شود: ${ltr('w_new = w − η·∂L/∂w')}. شما گرادیان را بدون ضرب در η کم کرده‌اید.`,
    'softmax-without-exp':
      `Softmax پیش از نرمال کردن، از هر مقدار تابع نمایی می‌گیرد: ${ltr('ŷ_i = e^(z_i) / Σ_j e^(z_j)')}، نه ${ltr('z_i / Σ_j z_j')}.`,
    'sgd-instead-of-batch':
      'وزن‌ها را بعد از هر نمونه به‌روزرسانی کرده‌اید. در یک گام دسته‌ای (یا مینی‌بچ)، گرادیانِ همهٔ نمونه‌های آن گام با همان وزن‌ها حساب می‌شود، از آن‌ها میانگین گرفته می‌شود و سپس وزن‌ها فقط یک بار به‌روزرسانی می‌شوند.',
    'missing-factor-2':
      `ضریب 2 خطای مربعی درست اعمال نشده است. ${ltr('d/dŷ (y − ŷ)² = −2(y − ŷ) = 2(ŷ − y)')}: اگر ${ltr('loss = mean (y − ŷ)²')} باشد، ضریب 2 در گرادیان می‌ماند؛ فقط با قرارداد ½ (${ltr('loss = ½ · mean (y − ŷ)²')}) این ½ ضریب 2 را خنثی می‌کند و ${ltr('(ŷ − y)')} می‌ماند. ببینید برگهٔ تمرین کدام تابع ضرر را داده است.`,
    'forgot-activation-derivative':
      `قاعدهٔ زنجیره‌ای از تابع فعال‌سازی هم می‌گذرد: ${ltr('∂L/∂w = ∂L/∂ŷ · f′(net) · ∂net/∂w')}. با خروجی سیگموید ${ltr('f′(net) = ŷ(1 − ŷ)')} است؛ شما این ضریب را جا انداخته‌اید (این ضریب فقط برای خروجی خطی برابر 1 است).`,
    'missed-path':
      `هر واحد پنهان از راه همهٔ واحدهای خروجی به ضرر می‌رسد، پس گرادیانش مجموعِ گرادیان روی همهٔ این مسیرهاست: ${ltr('∂L/∂a1_j = Σ_i ∂L/∂net2_i · W2[i][j]')} (${ltr('da1 = W2ᵀ·dnet2')}). شما فقط مسیری را که از اولین واحد خروجی می‌گذرد نگه داشته‌اید؛ گرادیان‌های لایهٔ اول که بر پایهٔ آن حساب شده‌اند (dnet1، dW1، db1) هم همین کمبود را دارند.`,
    'wrong-layer-input':
      `گرادیانِ هر وزن برابر است با خطای واحدِ آن وزن ضرب در ورودی‌ای که آن وزن در آن ضرب می‌شود: ${ltr('dW2[i][j] = dnet2_i · a1_j')} (فعال‌سازی‌های لایهٔ پنهان ورودی لایهٔ 2 هستند) و ${ltr('dW1[i][j] = dnet1_i · x_j')} (ورودی شبکه به لایهٔ 1 می‌رود). شما ورودیِ لایهٔ دیگر را به کار برده‌اید.`,
  },

  misconceptionTitles: {
    'update-sign': `به‌روزرسانی در جهت افزایش ضرر (${ltr('w + η·∂L/∂w')})`,
    'transposed-gradient': `dW ترانهاده (${ltr('x_i·dz_j')})`,
    'sum-not-mean': 'جمع به جای میانگین',
    'error-sign': `علامت برعکس ترم خطا (${ltr('y − ŷ')})`,
    'extra-sigmoid-derivative': `ضریب اضافهٔ ${ltr('σ′(z)')}`,
    'log10-loss': 'log₁₀ به جای ln',
    'forgot-learning-rate': 'نرخ یادگیری جا افتاده',
    'softmax-without-exp': 'Softmax بدون تابع نمایی',
    'sgd-instead-of-batch': 'به‌روزرسانی پس از هر نمونه',
    'missing-factor-2': 'ضریب 2 خطای مربعی نادرست',
    'forgot-activation-derivative': 'مشتق تابع فعال‌سازی جا افتاده',
    'missed-path': 'تنها یک مسیر به واحد پنهان',
    'wrong-layer-input': 'ورودی لایهٔ دیگر',
  },

  verdictNames: {
    correct: 'درست',
    ecf: 'ecf',
    misconception: 'بدفهمی',
    incorrect: 'نادرست',
    invalid: 'نامعتبر',
    missing: 'بی‌پاسخ',
  },
  verdictMarks: {
    correct: '✓ درست',
    ecf: '✓ ecf (بر پایهٔ پاسخ قبلی شما)',
    misconception: '✗ بدفهمی',
    incorrect: '✗ نادرست',
    invalid: '✗ عدد نیست',
    missing: '– بی‌پاسخ',
  },

  partFeedback: {
    missing: 'پاسخی داده نشده است',
    invalid: (why) => `به‌صورت عدد خوانده نشد، چون ${why}`,
    ecf: (carried, value) =>
      `با پاسخ قبلی خودتان برای ${carried} تصحیح شد: با آن مقدار، این بخش برابر ${value} می‌شود، همان که شما به دست آوردید`,
    incorrect: 'اختلافش با کلید بیش از حد مجاز است',
    incorrectTrivial: (carried) =>
      `اختلافش با کلید بیش از حد مجاز است؛ این مقدار واقعاً از پاسخ قبلی شما برای ${carried} به دست می‌آید، ` +
      'اما ادامه دادن با آن مقدار این بخش را بدیهی می‌کند (خطا یا گرادیانِ صفر)، پس نمره‌ای نمی‌گیرد',
  },
  invalidReasons: {
    'longer than 80 characters': 'بیش از 80 نویسه دارد',
    'spaces inside the number': 'در میانش فاصله هست',
    'two exponents': 'دو توان دارد',
    'ambiguous or misplaced separators': 'ممیز یا جداکننده‌هایش مبهم یا نابه‌جاست',
    'not a number': 'جز رقم، علامت، ممیز و توانی از 10 چیز دیگری هم دارد',
    'too large or too small': 'بیش از اندازه بزرگ یا کوچک است',
  },

  feedbackFile: {
    title: (who) => `بازخورد برای ${who}`,
    total: (score) => `نمرهٔ کل: **${score}**`,
    noSubmission: 'تحویل‌نشده: هیچ پاسخی از شما دریافت نشد، پس نمرهٔ شما خالی مانده است.',
    cutAnswer: (length) => `(${ltr(length.toLocaleString('en-US'))} نویسه)`,
    columns: ['بخش', 'پاسخ شما', 'کلید', 'نتیجه', 'نمره'],
  },

  report: {
    title: (set) => `گزارش تصحیح: ${set || 'set'}`,
    variants: (file, students) => `نسخه‌های تمرین: \`${file}\` (${students} دانشجو)`,
    submissions: ({ file, layout, read, graded, rejected }) =>
      layout === 'sheets'
        ? `پاسخ‌ها: \`${file}\` (برگه‌های PDF پرشده): ${read} فایل خوانده شد؛ ${graded} فایل تصحیح و ${rejected} فایل رد شد (جزئیات در rejected.csv)`
        : `پاسخ‌ها: \`${file}\` (${layout === 'moodle' ? 'گزارش پاسخ‌های Moodle' : `قالب ${layout === 'long' ? 'بلند، long' : 'پهن، wide'}`}): ${read} سطر خوانده شد؛ ` +
          `${graded} سطر تصحیح و ${rejected} سطر رد شد (جزئیات در rejected.csv)`,
    // Notes about the input files are English (they are printed on the console too).
    note: (text) => `یادداشت: ${ltr(text)}`,
    scoreDistribution: 'توزیع نمره‌ها',
    scoreColumns: ['نمرهٔ کل', 'دانشجویان'],
    percent: (value) => ltr(`${value}٪`),
    range: (from, to) => ltr(`${from}–${to}٪`),
    meanAndMedian: (mean, median) => `میانگین ${ltr(`${mean}٪`)}، میانه ${ltr(`${median}٪`)}.`,
    noSubmission: 'بدون پاسخ',
    noSubmissionCount: (n, scoredZero) =>
      `${n} دانشجو هیچ پاسخی تحویل نداده‌اند` +
      (scoredZero
        ? `؛ با ${ltr('--missing-as-zero')} نمرهٔ آن‌ها 0 ثبت شد و در آمار بالا آمده‌اند:`
        : ': نمرهٔ آن‌ها در grades.csv خالی است و در آمار بالا نیامده‌اند:'),
    problem: (problem, mean) => (mean === null ? problem : `${problem} — میانگین ${ltr(`${mean}٪`)}`),
    part: 'بخش',
    noMisconception: 'هیچ‌یک از بدفهمی‌های فهرست‌شده دیده نشد.',
    commonMisconceptions: 'رایج‌ترین بدفهمی‌ها:',
    misconceptionColumns: ['بدفهمی', 'پاسخ‌ها', 'بیشتر در'],
  },
};
