import { decodeOmocodia } from './decode-omocodia.util';

describe('decodeOmocodia', () => {
  it('puts digits back in the year, day and place positions', () => {
    // 0 3 / 0 1 / 5 0 1 written as L P / L M / R L M
    expect(decodeOmocodia('VRDPLALPTLMHRLMX')).toBe('VRDPLA03T01H501X');
  });

  it('maps L M N P Q R S T U V to 0–9', () => {
    const letters = ['L', 'M', 'N', 'P', 'Q', 'R', 'S', 'T', 'U', 'V'];
    letters.forEach((letter, digit) => {
      expect(decodeOmocodia(`AAAAAA0${letter}A00A000A`)).toBe(`AAAAAA0${digit}A00A000A`);
    });
  });

  it('leaves the name letters, month, place letter and check character alone', () => {
    expect(decodeOmocodia('LMNPQRLLMLLMLLLM')).toBe('LMNPQR00M00M000M');
  });

  it('leaves a code without omocodia as it is', () => {
    expect(decodeOmocodia('VRDPLA03T01H501N')).toBe('VRDPLA03T01H501N');
  });
});
