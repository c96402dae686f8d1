package io.hublink.pipeline;

import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/** Creates the pipeline's Kafka clients; tests wrap the real ones to put them in trouble on cue. */
interface PipelineClients {

    PipelineClients KAFKA = new PipelineClients() {
        @Override
        public Producer<byte[], byte[]> producer(Properties properties) {
            return new KafkaProducer<>(properties);
        }

        @Override
        public Consumer<byte[], byte[]> consumer(Properties properties) {
            return new KafkaConsumer<>(properties);
        }
    };

    Producer<byte[], byte[]> producer(Properties properties);

    Consumer<byte[], byte[]> consumer(Properties properties);
}
