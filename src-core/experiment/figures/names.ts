/** The paper's figures `reproduce` knows (Bianchi et al., Nat. Commun. 14, 1565 (2023)), in report order. */
export const FIGURES = ['table1', 'fig4b', 'fig4c', 'fig4f', 'fig4g', 'fig5d', 'fig5g'] as const
export type FigureName = (typeof FIGURES)[number]

export const FIGURE_TITLES: Record<FigureName, string> = {
  table1: 'Table 1 — accuracy against compliance current I_C and stop voltage V_STOP',
  fig4b: 'Fig. 4b — dynamic maze 1 → 2 → 1: median time to reward per trial',
  fig4c: 'Fig. 4c — energy per trial: neuron firing, integration, controller',
  fig4f: 'Fig. 4f — accuracy map: trials × steps per trial, bio-RRAM vs deep Q',
  fig4g: 'Fig. 4g — memory elements against environment size',
  fig5d: "Fig. 5d — Mars rover on the paper's terrain: moves per trial",
  fig5g: 'Fig. 5g — transfer learning on Mars: from a learned state vs from scratch'
}

export function isFigureName(name: string): name is FigureName {
  return (FIGURES as readonly string[]).includes(name)
}
