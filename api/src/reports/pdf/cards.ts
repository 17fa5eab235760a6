import { COLOR, type Doc, FONT } from './document';

/** Whether a change is beyond the noise of the samples; null while it is not assessed. */
export type Significance = 'significant' | 'within_noise' | null;

/** One KPI card, already in words and formatted numbers. */
export interface KpiCard {
  label: string;
  value: string;
  /** "± 21.2" for NPS (95 % margin of error); null where the KPI has none */
  margin: string | null;
  /** "n = 59" */
  sample: string;
  change: {
    /** "+3.2 vs Q4 2025 (-8.3)" */
    text: string;
    tone: 'better' | 'worse' | 'flat';
    /** words for the tone, said in text and not only by colour: "better" */
    toneWord: string;
    significance: Significance;
    /** "within noise": shown instead of the tone word when the change is not significant */
    noiseWord: string;
  } | null;
  /** shown when there is no change to show: "no previous value" */
  noChange: string;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const ARROW = { better: '▲', worse: '▼', flat: '■' } as const;

/**
 * Draws a KPI card. A change is coloured and worded (better/worse) only when it is not
 * flagged as within noise; a within-noise change is grey and says so, so the board does
 * not read a random wobble as a trend.
 */
export function drawKpiCard(doc: Doc, box: Box, card: KpiCard): void {
  const pad = 6;
  const inner = box.width - 2 * pad;
  doc.roundedRect(box.x, box.y, box.width, box.height, 3).fillColor(COLOR.panel).fill();
  doc.fillColor(COLOR.muted).font(FONT.regular).fontSize(7.5);
  doc.text(card.label, box.x + pad, box.y + pad, {
    width: inner,
    lineBreak: false,
    ellipsis: true,
  });

  doc.fillColor(COLOR.text).font(FONT.bold).fontSize(15);
  const valueY = box.y + pad + 11;
  doc.text(card.value, box.x + pad, valueY, { width: inner, lineBreak: false });
  if (card.margin) {
    const w = doc.widthOfString(card.value);
    doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted);
    doc.text(` ${card.margin}`, box.x + pad + w, valueY + 6, {
      width: Math.max(10, inner - w),
      lineBreak: false,
    });
  }

  doc.font(FONT.regular).fontSize(7).fillColor(COLOR.muted);
  doc.text(card.sample, box.x + pad, valueY + 21, { width: inner, lineBreak: false });

  const changeY = valueY + 31;
  if (!card.change) {
    doc.text(card.noChange, box.x + pad, changeY, { width: inner });
    return;
  }
  const noisy = card.change.significance === 'within_noise';
  const tone = noisy ? 'flat' : card.change.tone;
  doc.fillColor(tone === 'better' ? COLOR.better : tone === 'worse' ? COLOR.worse : COLOR.muted);
  const words = noisy ? card.change.noiseWord : card.change.toneWord;
  doc.text(
    `${ARROW[tone]} ${card.change.text}${words ? ` · ${words}` : ''}`,
    box.x + pad,
    changeY,
    {
      width: inner,
    },
  );
  doc.fillColor(COLOR.text);
}
