// Library entry of aksnet: the model, the engines and the questions, without any file or process access.
export {};
