import * as tf from '@tensorflow/tfjs';

/** A model as the app keeps it: its topology and weight specs as JSON, and its weights' bytes. */
export interface SavedModel {
  modelJson: string;
  weights: ArrayBuffer;
}

/** The model in the form `loadSavedModel` reads back (the form `train.saveRun` keeps). */
export async function saveModel(model: tf.LayersModel): Promise<SavedModel> {
  let saved: SavedModel = { modelJson: '', weights: new ArrayBuffer(0) };
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = {
        modelJson: JSON.stringify({ modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs }),
        weights: artifacts.weightData instanceof ArrayBuffer ? artifacts.weightData : new ArrayBuffer(0),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  return saved;
}

/**
 * A kept model, ready to predict with (the caller disposes it).
 * @example const model = await loadSavedModel(await saveModel(trained)); // predicts as `trained` does
 */
export async function loadSavedModel({ modelJson, weights }: SavedModel): Promise<tf.LayersModel> {
  const { modelTopology, weightSpecs } = JSON.parse(modelJson) as Pick<tf.io.ModelArtifacts, 'modelTopology' | 'weightSpecs'>;
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology, weightSpecs, weightData: weights }));
}
