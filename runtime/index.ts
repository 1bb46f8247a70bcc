// Plans: load a synthesized cdk.tf.json into a topology
export * from "./plan";
