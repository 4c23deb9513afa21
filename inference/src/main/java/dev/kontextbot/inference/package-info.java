package dev.kontextbot.inference;
