/** Seeds the weights and the order of examples: the same data and settings train the same model (on the CPU backend). */
export const TRAINING_SEED = 1;

/** Examples and epochs of the sanity check: a pipeline that cannot overfit this few has a bug. */
export const SANITY_EXAMPLES = 20;
export const SANITY_EPOCHS = 40;
