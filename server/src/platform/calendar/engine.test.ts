import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import chineseDays from 'chinese-days';
import { createCalendar, regionPathFromCode, shanghaiDate, statutoryHolidays, type CalendarOverride, type YearNotice } from './engine.ts';
import { libraryDay, libraryYears, lunarToDay, qingmingDay } from './chinese-days-adapter.ts';
import { addCalendarDays, formatDay, parseDate } from './dates.ts';

// chinese-days builds its own in-memory table with local-time getters; it is only right at or east
// of Greenwich, so comparisons with its functions run only there (the engine reads its prebuilt data).
const eastOfGreenwich = new Date(2026, 0, 1).getTimezoneOffset() <= 0 && new Date(2026, 6, 1).getTimezoneOffset() <= 0;

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = parseDate(from); d <= parseDate(to); d++) out.push(formatDay(d));
  return out;
};

describe('official years from chinese-days', () => {
  const cal = createCalendar();

  it('knows 2025 and 2026 as official, 2027 onwards as estimated', () => {
    // chinese-days 1.5.7 carries 2004-2026. If an upgrade brings 2027, move the "estimated 2027"
    // tests below to the first year it still lacks.
    expect(libraryYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(cal.yearStatus(2025)).toBe('official');
    expect(cal.yearStatus(2026)).toBe('official');
    expect(cal.yearStatus(2027)).toBe('estimated');
    expect(cal.estimatedYears(2024, 2030)).toEqual([2027, 2028, 2029, 2030]);
  });

  it('National Day 2026: Oct 1-7 off, make-up working days Sun Sep 20 and Sat Oct 10', () => {
    for (const date of range('2026-10-01', '2026-10-07')) {
      expect(cal.dayInfo(date)).toEqual({ date, working: false, reason: 'holiday', name: '国庆节', estimated: false });
    }
    expect(cal.dayInfo('2026-09-20')).toEqual({
      date: '2026-09-20',
      working: true,
      reason: 'makeup-workday',
      name: '国庆节',
      estimated: false,
    });
    expect(cal.dayInfo('2026-10-10')).toMatchObject({ working: true, reason: 'makeup-workday' });
    expect(cal.dayInfo('2026-09-19')).toEqual({ date: '2026-09-19', working: false, reason: 'weekend', estimated: false });
    expect(cal.dayInfo('2026-10-11')).toMatchObject({ working: false, reason: 'weekend' });
    expect(cal.dayInfo('2026-10-08')).toEqual({ date: '2026-10-08', working: true, reason: 'workday', estimated: false });
    // Mid-Autumn 2026 is a separate period (Fri Sep 25 - Sun Sep 27)
    expect(cal.dayInfo('2026-09-25')).toMatchObject({ working: false, reason: 'holiday', name: '中秋' });
  });

  it('counts across National Day 2026', () => {
    expect(cal.addWorkingDays('2026-09-30', 1)).toEqual({ date: '2026-10-08', estimated: false });
    expect(cal.addWorkingDays('2026-10-01', 0)).toEqual({ date: '2026-10-08', estimated: false });
    expect(cal.addWorkingDays('2026-10-08', 0)).toEqual({ date: '2026-10-08', estimated: false });
    expect(cal.addWorkingDays('2026-10-09', 1)).toEqual({ date: '2026-10-10', estimated: false });
    expect(cal.addWorkingDays('2026-09-18', 1)).toEqual({ date: '2026-09-20', estimated: false });
    // Sep 21-24 (4), Sep 28-30 (3), Oct 8-10 (3): 10 working days in (Sep 20, Oct 10]
    expect(cal.workingDaysBetween('2026-09-20', '2026-10-10')).toEqual({ days: 10, estimated: false });
    expect(cal.workingDaysBetween('2026-10-10', '2026-09-20')).toEqual({ days: -10, estimated: false });
  });

  it('Spring Festival 2026: Feb 15-23 off, make-up working days Sat Feb 14 and Sat Feb 28', () => {
    for (const date of range('2026-02-15', '2026-02-23')) {
      expect(cal.dayInfo(date)).toMatchObject({ working: false, reason: 'holiday', name: '春节' });
    }
    for (const date of ['2026-02-14', '2026-02-28']) {
      expect(cal.dayInfo(date)).toMatchObject({ working: true, reason: 'makeup-workday', name: '春节' });
    }
    expect(cal.isWorkingDay('2026-02-13')).toBe(true);
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
    expect(cal.isWorkingDay('2026-03-01')).toBe(false); // a Sunday
    expect(cal.addWorkingDays('2026-02-13', 1).date).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-14', 1).date).toBe('2026-02-24');
    // Feb 2-6, Feb 9-13, Feb 14, Feb 24-27, Feb 28
    expect(cal.workingDaysBetween('2026-02-01', '2026-02-28').days).toBe(16);
  });

  it.runIf(eastOfGreenwich)('agrees with the library functions for every day of 2004-2026', () => {
    for (const date of range('2004-01-01', '2026-12-31')) {
      expect(cal.isWorkingDay(date), date).toBe(chineseDays.isWorkday(date));
      expect(cal.dayInfo(date).reason === 'makeup-workday', date).toBe(
        chineseDays.getDayDetail(date).work && [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()),
      );
    }
  });

  it('statutory holidays under the 2025 rules are all official holidays in 2025 and 2026', () => {
    for (const year of [2025, 2026]) {
      const days = statutoryHolidays(year);
      expect(days).toHaveLength(13);
      for (const { date } of days) expect(cal.dayInfo(date), date).toMatchObject({ working: false, reason: 'holiday' });
    }
  });

  it('the lunar and solar-term festivals computed for 2008-2024 are official holidays', () => {
    // Before 2025 the eve was not always a holiday and May 2 was not statutory: check the others.
    for (let year = 2008; year <= 2024; year++) {
      const days = statutoryHolidays(year).filter((h, i) => !(h.name === '春节' && i === 1) && h.date !== `${year}-05-02`);
      expect(days.length).toBeGreaterThanOrEqual(10);
      // (weekend days inside a holiday period are not always listed in the data, e.g. 2012-06-23)
      for (const { date, name } of days) expect(cal.isWorkingDay(date), `${date} ${name}`).toBe(false);
    }
  });
});

describe('estimated years', () => {
  const cal = createCalendar();

  it('a 20-working-day limit from 2026-12-20 runs into 2027, is estimated and skips New Year', () => {
    // Dec 21-25 (5), Dec 28-31 (4), Jan 1 off, Jan 4-8 (5), Jan 11-15 (5), Jan 18 (20th)
    expect(cal.addWorkingDays('2026-12-20', 20)).toEqual({ date: '2027-01-18', estimated: true });
    expect(cal.dayInfo('2027-01-01')).toEqual({
      date: '2027-01-01',
      working: false,
      reason: 'holiday',
      name: '元旦',
      estimated: true,
    });
    expect(cal.workingDaysBetween('2026-12-20', '2027-01-18')).toEqual({ days: 20, estimated: true });
    // a limit that stays in 2026 is not estimated
    expect(cal.addWorkingDays('2026-12-20', 9)).toEqual({ date: '2026-12-31', estimated: false });
    expect(cal.addWorkingDays('2026-12-20', 10)).toEqual({ date: '2027-01-04', estimated: true });
  });

  it('computes the 2027 festivals from the lunar calendar and the solar terms', () => {
    // independent check with the library's own lunar conversion
    const newYear = chineseDays.getLunarDate('2027-02-06');
    expect([newYear.lunarYear, newYear.lunarMon, newYear.lunarDay, newYear.isLeap]).toEqual([2027, 1, 1, false]);
    const eve = chineseDays.getLunarDate('2027-02-05');
    expect([eve.lunarYear, eve.lunarMon, eve.lunarDay]).toEqual([2026, 12, 29]); // 12th month has 29 days
    const dragon = chineseDays.getLunarDate('2027-06-09');
    expect([dragon.lunarMon, dragon.lunarDay, dragon.isLeap]).toEqual([5, 5, false]);
    const moon = chineseDays.getLunarDate('2027-09-15');
    expect([moon.lunarMon, moon.lunarDay, moon.isLeap]).toEqual([8, 15, false]);

    expect(statutoryHolidays(2027)).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节' },
      { date: '2027-02-06', name: '春节' },
      { date: '2027-02-07', name: '春节' },
      { date: '2027-02-08', name: '春节' },
      { date: '2027-04-05', name: '清明' },
      { date: '2027-05-01', name: '劳动节' },
      { date: '2027-05-02', name: '劳动节' },
      { date: '2027-06-09', name: '端午' },
      { date: '2027-09-15', name: '中秋' },
      { date: '2027-10-01', name: '国庆节' },
      { date: '2027-10-02', name: '国庆节' },
      { date: '2027-10-03', name: '国庆节' },
    ]);
    for (const date of range('2027-02-05', '2027-02-08')) {
      expect(cal.dayInfo(date)).toMatchObject({ working: false, reason: 'holiday', name: '春节', estimated: true });
    }
    expect(cal.isWorkingDay('2027-02-04')).toBe(true);
    expect(cal.isWorkingDay('2027-02-09')).toBe(true); // no bridging days in an estimate
    expect(cal.dayInfo('2027-04-05')).toMatchObject({ working: false, name: '清明' });
    expect(cal.dayInfo('2027-06-09')).toMatchObject({ working: false, name: '端午' });
    expect(cal.dayInfo('2027-09-15')).toMatchObject({ working: false, name: '中秋' });
    expect(cal.isWorkingDay('2027-10-04')).toBe(true);
  });

  it('has no make-up working days: every weekend day of 2027 is off', () => {
    for (const date of range('2027-01-01', '2027-12-31')) {
      const info = cal.dayInfo(date);
      expect(info.estimated).toBe(true);
      if (info.reason === 'weekend' || info.reason === 'holiday') expect(info.working).toBe(false);
      expect(info.reason).not.toBe('makeup-workday');
    }
    // 261 weekdays in 2027; 7 statutory days fall on weekdays (Feb 6-7, May 1-2, Oct 2-3 are weekend days)
    expect(cal.workingDaysBetween('2026-12-31', '2027-12-31')).toEqual({ days: 254, estimated: true });
  });

  it('takes the first (not the leap) 5th month for the Dragon Boat festival and merges collisions', () => {
    expect(chineseDays.getYearLeapMonth(2028).leapMonth).toBe(5);
    const h2028 = statutoryHolidays(2028);
    const dragon = h2028.find((h) => h.name === '端午');
    expect(dragon?.date).toBe('2028-05-28');
    const lunar = chineseDays.getLunarDate('2028-05-28');
    expect([lunar.lunarMon, lunar.lunarDay, lunar.isLeap]).toEqual([5, 5, false]);
    expect(chineseDays.getLunarDate('2028-06-27')).toMatchObject({ lunarMon: 5, lunarDay: 5, isLeap: true });
    expect(createCalendar().isWorkingDay('2028-06-27')).toBe(true);
    // Mid-Autumn 2028 falls on Oct 3: one date, both names, 12 distinct days
    expect(h2028).toContainEqual({ date: '2028-10-03', name: '中秋、国庆节' });
    expect(h2028).toHaveLength(12);
  });

  it('the library adapter gives the same answers in any process time zone', () => {
    const saved = process.env.TZ;
    const answers = (): unknown => [
      formatDay(lunarToDay(2027, 1, 1)),
      formatDay(lunarToDay(2027, 5, 5)),
      formatDay(lunarToDay(2027, 8, 15)),
      formatDay(qingmingDay(2027)),
      formatDay(qingmingDay(2026)),
      libraryDay('2026-10-10'),
      libraryDay('2026-02-15'),
      libraryDay('2026-03-02'),
    ];
    try {
      const results = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Pacific/Honolulu', 'Pacific/Kiritimati'].map((tz) => {
        process.env.TZ = tz;
        return answers();
      });
      expect(results[0]).toEqual([
        '2027-02-06',
        '2027-06-09',
        '2027-09-15',
        '2027-04-05',
        '2026-04-05',
        { work: true, name: '国庆节' },
        { work: false, name: '春节' },
        undefined,
      ]);
      for (const r of results) expect(r).toEqual(results[0]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('overrides', () => {
  const overrides: CalendarOverride[] = [
    // a local holiday in one district only (Thu 2026-11-26)
    { date: '2026-11-26', kind: 'holiday', name: '区庆', regionCode: '990102' },
    // a city-wide day off, but the district 990103 works
    { date: '2026-11-27', kind: 'holiday', name: '市庆', regionCode: '990100' },
    { date: '2026-11-27', kind: 'workday', name: '照常上班', regionCode: '990103' },
    // a national working Saturday
    { date: '2026-11-28', kind: 'workday', name: '补班' },
  ];
  const cal = createCalendar({ overrides });

  it('a district holiday applies to that district and not to another', () => {
    expect(cal.isWorkingDay('2026-11-26', '990102')).toBe(false);
    expect(cal.isWorkingDay('2026-11-26', ['990000', '990100', '990102'])).toBe(false);
    expect(cal.dayInfo('2026-11-26', '990102')).toEqual({
      date: '2026-11-26',
      working: false,
      reason: 'override-holiday',
      name: '区庆',
      estimated: false,
    });
    expect(cal.isWorkingDay('2026-11-26', '990103')).toBe(true);
    expect(cal.isWorkingDay('2026-11-26', '990100')).toBe(true); // the city itself is not in the subtree of 990102
    expect(cal.isWorkingDay('2026-11-26')).toBe(true);
    expect(cal.dayInfo('2026-11-26', '990103')).toMatchObject({ reason: 'workday' });
  });

  it('a city override applies to its subtree; the most specific override wins', () => {
    expect(cal.isWorkingDay('2026-11-27', '990100')).toBe(false);
    expect(cal.isWorkingDay('2026-11-27', '990102')).toBe(false);
    expect(cal.dayInfo('2026-11-27', '990103')).toMatchObject({ working: true, reason: 'override-workday' });
    expect(cal.isWorkingDay('2026-11-27', '990200')).toBe(true);
    expect(cal.isWorkingDay('2026-11-27', '980102')).toBe(true);
  });

  it('a national override applies everywhere', () => {
    for (const region of [undefined, '990102', '990103', '110101']) {
      expect(cal.dayInfo('2026-11-28', region)).toMatchObject({ working: true, reason: 'override-workday', name: '补班' });
    }
    expect(createCalendar().isWorkingDay('2026-11-28')).toBe(false);
  });

  it('overrides change limits and counts for the region concerned only', () => {
    // from Wed 2026-11-25; 990102 is off Thu 26 (district) and Fri 27 (city), works Sat 28 (national)
    expect(cal.addWorkingDays('2026-11-25', 3, '990102').date).toBe('2026-12-01');
    expect(cal.addWorkingDays('2026-11-25', 3, '990103').date).toBe('2026-11-28');
    expect(cal.addWorkingDays('2026-11-25', 3).date).toBe('2026-11-28');
    expect(cal.workingDaysBetween('2026-11-25', '2026-11-30', '990102').days).toBe(2);
    expect(cal.workingDaysBetween('2026-11-25', '2026-11-30', '990103').days).toBe(4);
    expect(cal.workingDaysBetween('2026-11-30', '2026-11-25', '990101').days).toBe(-3);
  });

  it('uses a supplied region path resolver', () => {
    const custom = createCalendar({ overrides, regionPathOf: (code) => (code === 'X' ? ['990000', '990100', '990102'] : [code]) });
    expect(custom.isWorkingDay('2026-11-26', 'X')).toBe(false);
    expect(custom.isWorkingDay('2026-11-27', '990102')).toBe(true); // path is just [990102]
    expect(regionPathFromCode('990102')).toEqual(['990000', '990100', '990102']);
    expect(regionPathFromCode('990100')).toEqual(['990000', '990100']);
    expect(regionPathFromCode('990000')).toEqual(['990000']);
  });

  it('rejects malformed overrides', () => {
    expect(() => createCalendar({ overrides: [{ date: '2026-02-30', kind: 'holiday', name: 'x' }] })).toThrow(RangeError);
    expect(() => createCalendar({ overrides: [{ date: '2026-11-26', kind: 'holiday', name: 'x', regionCode: ' ' }] })).toThrow(RangeError);
  });
});

describe('entered year notices', () => {
  // A hypothetical notice for 2027 (test data, not the real one)
  const notice2027: YearNotice = {
    year: 2027,
    holidays: [
      ...range('2027-01-01', '2027-01-03').map((date) => ({ date, name: '元旦' })),
      ...range('2027-02-05', '2027-02-11').map((date) => ({ date, name: '春节' })),
    ],
    makeupWorkdays: [{ date: '2027-02-20', name: '春节' }, '2027-01-30'],
  };
  const estimated = createCalendar();
  const entered = createCalendar({ notices: [notice2027] });

  it('turns 2027 into a notice-entered year with different results', () => {
    expect(entered.yearStatus(2027)).toBe('notice-entered');
    expect(entered.estimatedYears(2026, 2028)).toEqual([2028]);
    expect(estimated.addWorkingDays('2027-02-01', 5)).toEqual({ date: '2027-02-10', estimated: true });
    expect(entered.addWorkingDays('2027-02-01', 5)).toEqual({ date: '2027-02-15', estimated: false });
    expect(entered.dayInfo('2027-02-20')).toEqual({
      date: '2027-02-20',
      working: true,
      reason: 'makeup-workday',
      name: '春节',
      estimated: false,
    });
    expect(entered.dayInfo('2027-01-30')).toEqual({ date: '2027-01-30', working: true, reason: 'makeup-workday', estimated: false });
    expect(entered.dayInfo('2027-02-09')).toMatchObject({ working: false, reason: 'holiday', estimated: false });
    // the notice replaces the estimate entirely: Qingming is not listed in this notice
    expect(estimated.isWorkingDay('2027-04-05')).toBe(false);
    expect(entered.isWorkingDay('2027-04-05')).toBe(true);
    expect(entered.addWorkingDays('2026-12-20', 20)).toEqual({ date: '2027-01-18', estimated: false });
  });

  it('an entered notice takes precedence over the library for that year', () => {
    const cal = createCalendar({ notices: [{ year: 2026, holidays: ['2026-10-01'], makeupWorkdays: [] }] });
    expect(cal.yearStatus(2026)).toBe('notice-entered');
    expect(cal.isWorkingDay('2026-10-01')).toBe(false);
    expect(cal.isWorkingDay('2026-10-02')).toBe(true);
  });

  it('rejects inconsistent notices', () => {
    expect(() => createCalendar({ notices: [{ year: 2027, holidays: ['2028-01-01'], makeupWorkdays: [] }] })).toThrow(RangeError);
    expect(() => createCalendar({ notices: [{ year: 2027, holidays: ['2027-01-02'], makeupWorkdays: ['2027-01-02'] }] })).toThrow(RangeError);
    expect(() => createCalendar({ notices: [notice2027, notice2027] })).toThrow(RangeError);
  });
});

describe('counting rules and input checks', () => {
  const cal = createCalendar();

  it('n = 0 is the start day if it is a working day, else the next one', () => {
    expect(cal.addWorkingDays('2026-11-25', 0).date).toBe('2026-11-25');
    expect(cal.addWorkingDays('2026-11-28', 0).date).toBe('2026-11-30');
    expect(cal.addWorkingDays('2026-11-25', 1).date).toBe('2026-11-26');
    expect(cal.workingDaysBetween('2026-11-25', '2026-11-25')).toEqual({ days: 0, estimated: false });
  });

  it('rejects bad input', () => {
    expect(() => cal.isWorkingDay('2026-2-3')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026-02-29')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-11-25', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-11-25', 1.5)).toThrow(RangeError);
    expect(() => cal.yearStatus(2100)).toThrow(RangeError);
  });

  it('gives the Shanghai date of an instant regardless of the server time zone', () => {
    expect(shanghaiDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(shanghaiDate(Date.parse('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('properties', () => {
  const base = parseDate('2024-01-01');
  const span = parseDate('2030-12-31') - base;
  const dateArb = fc.integer({ min: 0, max: span }).map((i) => formatDay(base + i));
  const regionArb = fc.constantFrom<undefined | string>(undefined, '990102', '990103', '990201');
  const overrideArb = fc
    .record({
      date: fc.integer({ min: 0, max: span }).map((i) => formatDay(base + i)),
      kind: fc.constantFrom<'workday' | 'holiday'>('workday', 'holiday'),
      name: fc.constant('局部调整'),
      regionCode: fc.constantFrom<string | undefined>(undefined, '990000', '990100', '990102', '990201'),
    })
    .map(({ regionCode, ...o }): CalendarOverride => (regionCode === undefined ? o : { ...o, regionCode }));
  const calArb = fc.array(overrideArb, { maxLength: 30 }).map((overrides) => createCalendar({ overrides }));

  it('workingDaysBetween(start, addWorkingDays(start, n)) === n', () => {
    fc.assert(
      fc.property(calArb, dateArb, fc.integer({ min: 1, max: 300 }), regionArb, (cal, start, n, region) => {
        const r = cal.addWorkingDays(start, n, region);
        expect(cal.isWorkingDay(r.date, region)).toBe(true);
        expect(cal.workingDaysBetween(start, r.date, region)).toEqual({ days: n, estimated: r.estimated });
        expect(cal.workingDaysBetween(r.date, start, region).days).toBe(-n);
      }),
      { numRuns: 300 },
    );
  });

  it('addWorkingDays(from, workingDaysBetween(from, to)) === to for a working day to after from', () => {
    fc.assert(
      fc.property(calArb, dateArb, fc.integer({ min: 1, max: 400 }), regionArb, (cal, from, gap, region) => {
        let to = addCalendarDays(from, gap);
        if (parseDate(to) > base + span + 30) return;
        while (!cal.isWorkingDay(to, region)) to = addCalendarDays(to, 1);
        const between = cal.workingDaysBetween(from, to, region);
        expect(between.days).toBeGreaterThanOrEqual(1);
        expect(cal.addWorkingDays(from, between.days, region)).toEqual({ date: to, estimated: between.estimated });
      }),
      { numRuns: 300 },
    );
  });

  it('workingDaysBetween matches a day-by-day count and is additive', () => {
    fc.assert(
      fc.property(calArb, dateArb, dateArb, dateArb, regionArb, (cal, a, b, c, region) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        let count = 0;
        for (let d = parseDate(lo) + 1; d <= parseDate(hi); d++) if (cal.isWorkingDay(formatDay(d), region)) count++;
        expect(cal.workingDaysBetween(lo, hi, region).days).toBe(count);
        expect(cal.workingDaysBetween(a, b, region).days + cal.workingDaysBetween(b, c, region).days).toBe(cal.workingDaysBetween(a, c, region).days);
      }),
      { numRuns: 100 },
    );
  });
});
