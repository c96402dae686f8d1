package io.hublink.app;

public final class HublinkCommand {
    public static void main(String[] args) {
    }
}
